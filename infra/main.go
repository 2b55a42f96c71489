// Command infra is the dpcoop CDK app (cdk.json: "app": "go run ./infra").
//
//	cdk synth -c stage=dev|prod -c assets=dist -c serviceOrigins=https://a.example,https://b.example
//
// The stage comes from context "stage", else the STAGE environment variable,
// else dev. The account comes from CDK_DEFAULT_ACCOUNT (set by the cdk CLI
// from the caller's credentials); the region is eu-west-2 unless context
// "region" or DPCOOP_REGION names another. -c backupCopyVault=<arn> copies
// every backup to a vault in a second account.
// Function binaries are read from <assets>/<function>/bootstrap (default
// dist). cdk-nag's AwsSolutions checks run on every synth.
package main

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/jsii-runtime-go"
	"github.com/cdklabs/cdk-nag-go/cdknag/v2"

	"github.com/dpcoop/dpcoop/infra/stack"
)

func main() {
	defer jsii.Close()
	app := awscdk.NewApp(nil)

	stage := contextOr(app, "stage", os.Getenv("STAGE"), stack.Dev)
	if stage != stack.Dev && stage != stack.Prod {
		fail("stage %q: want %s or %s (-c stage=... or STAGE=...)", stage, stack.Dev, stack.Prod)
	}
	assets, err := filepath.Abs(contextOr(app, "assets", "", "dist"))
	if err != nil {
		fail("%v", err)
	}
	if err := stack.CheckAssets(assets); err != nil {
		fail("%v", err)
	}
	if _, err := stack.ParseOrigins(contextOr(app, stack.ContextServiceOrigins, "", ""), stage); err != nil {
		fail("%v", err)
	}

	// The region is eu-west-2 unless given explicitly (-c region=, or
	// DPCOOP_REGION). CDK_DEFAULT_REGION is not read: the CLI sets it to
	// us-east-1 when the caller's profile names no region.
	region := contextOr(app, stack.ContextRegion, os.Getenv("DPCOOP_REGION"), stack.DefaultRegion)
	env := &awscdk.Environment{Account: orNil(os.Getenv("CDK_DEFAULT_ACCOUNT")), Region: jsii.String(region)}
	name := "dpcoop-" + stage
	stack.New(app, name, stack.Props{
		StackProps: awscdk.StackProps{Env: env, StackName: jsii.String(name)},
		Stage:      stage,
		AssetDir:   assets,
		CostCentre: contextOr(app, "costCentre", "", "dpcoop"),
	})

	awscdk.Aspects_Of(app).Add(cdknag.NewAwsSolutionsChecks(&cdknag.NagPackProps{Verbose: jsii.Bool(true)}), nil)
	app.Synth(nil)
}

// contextOr returns the context value key, else fallback if set, else def.
func contextOr(app awscdk.App, key, fallback, def string) string {
	if v, ok := app.Node().TryGetContext(jsii.String(key)).(string); ok && v != "" {
		return v
	}
	if fallback != "" {
		return fallback
	}
	return def
}

func orNil(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func fail(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "infra: "+format+"\n", args...)
	os.Exit(1)
}
