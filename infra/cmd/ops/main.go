// Command ops is the operators' tool for the data in a deployed table (or a
// local one): export one co-op's data, load an export back, list the co-ops,
// and run the retention pass by hand. docs/runbooks.md says when to use each.
//
//	go run ./infra/cmd/ops export -coop <slug> (-table <name> | -stage dev|prod) [-out file]
//	go run ./infra/cmd/ops import -coop <slug> -table <name> -in <file> [-replace [-prune]]
//	go run ./infra/cmd/ops coops (-table <name> | -stage dev|prod)
//	go run ./infra/cmd/ops retention (-table <name> | -stage dev|prod) [-today YYYY-MM-DD] [-apply]
//	go run ./infra/cmd/ops memberkeys (-table <name> | -stage dev|prod)
//	go run ./infra/cmd/ops oldtraining (-table <name> | -stage dev|prod)
//
// AWS credentials and region come from the environment (AWS_PROFILE,
// AWS_REGION, ...), as for the aws CLI; -endpoint talks to a local DynamoDB
// instead (dummy credentials). -stage finds the stack's table, named
// dpcoop-<stage>-Table..., with ListTables.
//
// The export format is DynamoDB JSON lines, one item a line, as DynamoDB's
// own export to S3 writes them (see internal/dynamo/itemjson.go).
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
	"github.com/dpcoop/dpcoop/internal/dynamo"
	"github.com/dpcoop/dpcoop/internal/dynamo/dynamolocal"
	"github.com/dpcoop/dpcoop/internal/retention"
)

func main() {
	if err := run(context.Background(), os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "ops:", err)
		os.Exit(1)
	}
}

const usage = `usage:
  ops export    -coop <slug> (-table <name> | -stage dev|prod) [-out file]      one co-op's items as DynamoDB JSON lines
  ops import    -coop <slug> -table <name> -in <file> [-replace [-prune]]      load an export into a table
  ops coops     (-table <name> | -stage dev|prod)                              list the co-ops
  ops retention (-table <name> | -stage dev|prod) [-today YYYY-MM-DD] [-apply] expired payslips (a dry run unless -apply)
  ops memberkeys (-table <name> | -stage dev|prod)                              keys by member for shifts, employments, pool memberships stored before them
  ops oldtraining (-table <name> | -stage dev|prod)                             the payroll settings' old required training moved to the training setting
every command also takes -endpoint <url> (a local DynamoDB) and -region <region>`

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		return errors.New(usage)
	}
	cmd, args := args[0], args[1:]
	fs := flag.NewFlagSet(cmd, flag.ContinueOnError)
	fs.SetOutput(stderr)
	var t target
	fs.StringVar(&t.table, "table", "", "the DynamoDB table")
	fs.StringVar(&t.endpoint, "endpoint", "", "a local DynamoDB endpoint, e.g. http://127.0.0.1:8000")
	fs.StringVar(&t.region, "region", "", "the AWS region (default: from the environment)")
	coop := fs.String("coop", "", "the co-op's slug")
	switch cmd {
	case "export":
		fs.StringVar(&t.stage, "stage", "", "find the table of stack dpcoop-<stage>")
		out := fs.String("out", "", "write to this new file (0600; never overwritten) instead of standard output")
		if err := parse(fs, args, coop); err != nil {
			return err
		}
		store, table, err := t.open(ctx)
		if err != nil {
			return err
		}
		return export(ctx, store, dpcoop.CoopID(*coop), table, *out, stdout, stderr)
	case "import":
		in := fs.String("in", "", "the export to load")
		replace := fs.Bool("replace", false, "overwrite items that exist (default: leave them, count them as skipped)")
		prune := fs.Bool("prune", false, "with -replace: also delete the co-op's items the export does not hold")
		if err := parse(fs, args, coop); err != nil {
			return err
		}
		if t.table == "" || *in == "" {
			return errors.New("import: -table and -in are required (name the table you write to)")
		}
		store, table, err := t.open(ctx)
		if err != nil {
			return err
		}
		f, err := os.Open(*in)
		if err != nil {
			return err
		}
		defer f.Close()
		res, err := store.ImportCoop(ctx, dpcoop.CoopID(*coop), f, dynamo.ImportOptions{Replace: *replace, Prune: *prune})
		fmt.Fprintf(stderr, "import %s into %s: %d items read, %d written, %d skipped (already there), %d deleted\n",
			*coop, table, res.Items, res.Written, res.Skipped, res.Deleted)
		return err
	case "coops":
		fs.StringVar(&t.stage, "stage", "", "find the table of stack dpcoop-<stage>")
		if err := parse(fs, args, nil); err != nil {
			return err
		}
		store, _, err := t.open(ctx)
		if err != nil {
			return err
		}
		return eachCoop(ctx, store, func(c dpcoop.CoopID) error { _, err := fmt.Fprintln(stdout, c); return err })
	case "retention":
		fs.StringVar(&t.stage, "stage", "", "find the table of stack dpcoop-<stage>")
		today := fs.String("today", "", "the date to judge by (default today, Europe/London)")
		apply := fs.Bool("apply", false, "delete; without it nothing is deleted and the counts say what would be")
		if err := parse(fs, args, nil); err != nil {
			return err
		}
		now := time.Now()
		if *today != "" {
			d, ok := dpcoop.ParseDate(*today)
			if !ok {
				return fmt.Errorf("retention: -today %q is not YYYY-MM-DD", *today)
			}
			now = d.Time().Add(12 * time.Hour)
		}
		store, table, err := t.open(ctx)
		if err != nil {
			return err
		}
		job := &retention.Job{Store: store, Now: func() time.Time { return now }, Log: slog.New(slog.NewJSONHandler(stderr, nil))}
		rep, err := job.Run(ctx, !*apply)
		verb := "would delete"
		if *apply {
			verb = "deleted"
		}
		fmt.Fprintf(stdout, "retention on %s in %s: %d co-ops, %d old payslips read, %s %d\n", rep.Today, table, rep.Coops, rep.Examined, verb, rep.Deleted)
		return err
	case "memberkeys", "oldtraining":
		fs.StringVar(&t.stage, "stage", "", "find the table of stack dpcoop-<stage>")
		if err := parse(fs, args, nil); err != nil {
			return err
		}
		store, table, err := t.open(ctx)
		if err != nil {
			return err
		}
		if cmd == "oldtraining" {
			return oldTraining(ctx, store, table, stdout)
		}
		return memberKeys(ctx, store, table, stdout)
	}
	return fmt.Errorf("unknown command %q\n%s", cmd, usage)
}

// slug is the shape of a co-op's slug (dpcoop.CoopSignup.Validate).
var slug = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{1,38}[a-z0-9]$`)

func parse(fs *flag.FlagSet, args []string, coop *string) error {
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("%s: unexpected arguments %v", fs.Name(), fs.Args())
	}
	if coop != nil {
		if !slug.MatchString(*coop) {
			return fmt.Errorf("%s: -coop must be a co-op's slug, not %q", fs.Name(), *coop)
		}
	}
	return nil
}

// target is the table a command works on.
type target struct {
	table, stage, endpoint, region string
}

func (t target) open(ctx context.Context) (*dynamo.Store, string, error) {
	var db *dynamodb.Client
	if t.endpoint != "" {
		db = dynamolocal.NewClient(t.endpoint)
	} else {
		var opts []func(*config.LoadOptions) error
		if t.region != "" {
			opts = append(opts, config.WithRegion(t.region))
		}
		cfg, err := config.LoadDefaultConfig(ctx, opts...)
		if err != nil {
			return nil, "", fmt.Errorf("aws configuration: %w", err)
		}
		db = dynamodb.NewFromConfig(cfg)
	}
	table := t.table
	switch {
	case table != "" && t.stage != "":
		return nil, "", errors.New("give -table or -stage, not both")
	case table == "" && t.stage == "":
		return nil, "", errors.New("give -table <name> or -stage dev|prod")
	case table == "":
		var err error
		if table, err = stageTable(ctx, db, t.stage); err != nil {
			return nil, "", err
		}
	}
	return dynamo.New(db, table), table, nil
}

// stageTable finds the table of stack dpcoop-<stage>: CloudFormation names it
// dpcoop-<stage>-Table<hash>-<suffix>. A restored copy has a name of its own.
func stageTable(ctx context.Context, db *dynamodb.Client, stage string) (string, error) {
	if stage != "dev" && stage != "prod" {
		return "", fmt.Errorf("-stage %q: want dev or prod", stage)
	}
	prefix := "dpcoop-" + stage + "-Table"
	var found []string
	p := dynamodb.NewListTablesPaginator(db, &dynamodb.ListTablesInput{})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return "", fmt.Errorf("list tables to find stage %s's (or give -table): %w", stage, err)
		}
		for _, n := range page.TableNames {
			if strings.HasPrefix(n, prefix) {
				found = append(found, n)
			}
		}
	}
	if len(found) != 1 {
		return "", fmt.Errorf("stage %s: %d tables named %s... (%s): give -table (the stack's TableName output)", stage, len(found), prefix, strings.Join(found, ", "))
	}
	return found[0], nil
}

// export writes the co-op's items to out (a new file, private to its owner)
// or to stdout. No items at all is an error: most likely a mistyped slug.
func export(ctx context.Context, store *dynamo.Store, coop dpcoop.CoopID, table, out string, stdout, stderr io.Writer) error {
	w := stdout
	var f *os.File
	if out != "" {
		if err := os.MkdirAll(filepath.Dir(out), 0o700); err != nil {
			return err
		}
		var err error
		if f, err = os.OpenFile(out, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600); err != nil {
			return fmt.Errorf("export: %w (an export is never overwritten)", err)
		}
		w = f
	}
	n, err := store.ExportCoop(ctx, coop, w)
	if err == nil && n == 0 {
		err = fmt.Errorf("export: co-op %q has no items in table %s (is the slug right?)", coop, table)
	}
	if f != nil {
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			os.Remove(out) // never leave half an export behind
			return err
		}
		fmt.Fprintf(stderr, "exported %d items of co-op %s from %s to %s\n", n, coop, table, out)
		return nil
	}
	if err == nil {
		fmt.Fprintf(stderr, "exported %d items of co-op %s from %s\n", n, coop, table)
	}
	return err
}

// memberKeys gives every co-op's shifts, employments and pool memberships
// their keys by member (dynamo.Store.KeepMemberKeys), co-op by co-op;
// running it again is safe.
func memberKeys(ctx context.Context, store *dynamo.Store, table string, stdout io.Writer) error {
	return eachCoop(ctx, store, func(c dpcoop.CoopID) error {
		n, err := store.KeepMemberKeys(ctx, c)
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "memberkeys %s in %s: %d shifts, %d employments, %d pool memberships\n", c, table, n.Shifts, n.Employments, n.PoolMembers)
		return nil
	})
}

// oldTraining moves each co-op's old list of required training from its
// payroll settings to the training setting (dynamo.Store.MoveOldRequiredTraining),
// saying what it did for each co-op that had one; running it again is safe.
func oldTraining(ctx context.Context, store *dynamo.Store, table string, stdout io.Writer) error {
	var coops, found, set int
	err := eachCoop(ctx, store, func(c dpcoop.CoopID) error {
		coops++
		m, err := store.MoveOldRequiredTraining(ctx, c)
		if err != nil || !m.Found {
			return err
		}
		found++
		did := "it named no course, so the training setting is left as it was"
		switch {
		case m.Set != nil:
			set++
			did = fmt.Sprintf("the training setting set to %v", m.Set.Courses)
		case m.Kept:
			did = "the training setting was set already and stands"
		}
		if len(m.Dropped) > 0 {
			did += fmt.Sprintf("; dropped %v (no such course)", m.Dropped)
		}
		fmt.Fprintf(stdout, "oldtraining %s in %s: the old list removed, %s\n", c, table, did)
		return nil
	})
	fmt.Fprintf(stdout, "oldtraining in %s: %d co-ops, %d had the old list, %d training settings set\n", table, coops, found, set)
	return err
}

// eachCoop calls do for every co-op in the table, page by page, stopping
// at the first error (which names the co-op).
func eachCoop(ctx context.Context, store *dynamo.Store, do func(dpcoop.CoopID) error) error {
	page := dpcoop.PageRequest{Limit: dpcoop.MaxPageLimit}
	for {
		res, err := store.Coops(ctx, page)
		if err != nil {
			return err
		}
		for _, c := range res.Items {
			if err := do(c.ID); err != nil {
				return fmt.Errorf("%s: %w", c.ID, err)
			}
		}
		if res.Next == "" {
			return nil
		}
		page.Cursor = res.Next
	}
}
