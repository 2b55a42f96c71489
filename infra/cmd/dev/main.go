// Command dev runs the whole service on this machine (make dev) and prints
// local bearer tokens for it (make token). Dev only: never deployed.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/dpcoop/dpcoop/infra/local"
	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

func main() {
	args := os.Args[1:]
	cmd := "serve"
	if len(args) > 0 && (args[0] == "serve" || args[0] == "token") {
		cmd, args = args[0], args[1:]
	}
	var err error
	switch cmd {
	case "token":
		err = token(args)
	default:
		err = serve(args)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "dev:", err)
		os.Exit(1)
	}
}

func serve(args []string) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	data := fs.String("data", ".data", "folder that keeps the local data across restarts")
	site := fs.String("site", "", "folder of a static site to serve at /site/")
	if err := fs.Parse(args); err != nil {
		return err
	}
	port := os.Getenv("PORT")
	if port == "" {
		port = "8080"
	}
	base := "http://localhost:" + port
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	stack, err := local.Start(ctx, local.Options{
		DataDir: *data, SiteDir: *site,
		ServiceOrigins: []string{base}, DemoOrigins: []string{base, "http://127.0.0.1:" + port},
	})
	if err != nil {
		return err
	}
	defer stack.Close()
	ln, err := net.Listen("tcp", ":"+port)
	if err != nil {
		return fmt.Errorf("listen on port %s (set PORT to use another): %w", port, err)
	}
	fmt.Printf(`dpcoop is running on %s (data in %s; make dev-reset clears it)

  curl %s/v1/health
  curl %s/v1/public/coops/demo
  TOKEN=$(make -s token COOP=demo ROLE=admin | tail -1)
  curl -H "Authorization: Bearer $TOKEN" %s/v1/applications

Stop with Ctrl-C.
`, base, *data, base, base, base)
	errc := make(chan error, 1)
	go func() { errc <- stack.Serve(ln) }()
	select {
	case <-ctx.Done():
		return nil
	case err := <-errc:
		if errors.Is(err, http.ErrServerClosed) {
			return nil
		}
		return err
	}
}

func token(args []string) error {
	fs := flag.NewFlagSet("token", flag.ContinueOnError)
	data := fs.String("data", ".data", "the data folder make dev uses")
	coop := fs.String("coop", "demo", "co-op slug")
	role := fs.String("role", "admin", "admin, member, pa or operator")
	sub := fs.String("sub", "", "person id (defaults to the demo co-op's seeded person for the role)")
	ttl := fs.Duration("ttl", 12*time.Hour, "how long the token lasts")
	if err := fs.Parse(args); err != nil {
		return err
	}
	r, ok := dpcoop.ParseRole(*role)
	if !ok {
		return fmt.Errorf("ROLE must be admin, member, pa or operator, not %q", *role)
	}
	if _, ok := dpcoop.NormaliseOrigin("https://" + *coop + ".example"); !ok || *coop == "" {
		return fmt.Errorf("COOP must be a co-op slug, not %q", *coop)
	}
	person := *sub
	if person == "" {
		person = local.DefaultPerson(dpcoop.CoopID(*coop), r)
	}
	tokens, err := local.LoadTokens(*data, time.Now)
	if err != nil {
		return err
	}
	t, err := tokens.Mint(dpcoop.CoopID(*coop), person, []dpcoop.Role{r}, *ttl)
	if err != nil {
		return err
	}
	fmt.Printf("# local %s token for co-op %s, person %s, valid %s\n%s\n", r, *coop, person, *ttl, t)
	return nil
}
