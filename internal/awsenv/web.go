package awsenv

import (
	"os"

	"github.com/aws/aws-lambda-go/lambda"
	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"

	"github.com/dpcoop/dpcoop/internal/cognito"
	"github.com/dpcoop/dpcoop/internal/httpevent"
	"github.com/dpcoop/dpcoop/internal/web"
)

// ServeWeb starts the function serving the pages (every path outside /v1,
// the HTTP API's $default route), signing people in through the Cognito
// app client WEB_CLIENT_ID, with passkeys when PASSKEYS is "on" (the stack
// sets it with a custom domain, the passkeys' relying party).
func ServeWeb() {
	log, cfg, store := setup()
	d := deps(log, cfg, store)
	client, app, passkeys := cip.NewFromConfig(cfg), os.Getenv("WEB_CLIENT_ID"), os.Getenv("PASSKEYS") == "on"
	wc := web.Config{
		Services: d.Services, Store: store, Sessions: store, Limiter: store, Log: log,
		SignIn: cognito.NewSignIn(client, app, passkeys),
	}
	if passkeys {
		wc.Passkeys = cognito.NewPasskeys(client, app)
	}
	lambda.Start(httpevent.Handler(web.New(wc)))
}
