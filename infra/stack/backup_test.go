package stack_test

import (
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/assertions"
	"github.com/aws/jsii-runtime-go"

	"github.com/dpcoop/dpcoop/infra/stack"
	"github.com/dpcoop/dpcoop/internal/route"
)

// TestStackStaysInTheUK: the stack is in eu-west-2 with not one literal
// us-east-1, and one with no region refuses to synthesize.
func TestStackStaysInTheUK(t *testing.T) {
	for _, st := range stages {
		if got := *stacks[st].Region(); got != "eu-west-2" {
			t.Errorf("%s: region %q", st, got)
		}
		if n := strings.Count(raws[st], "us-east-1"); n != 0 {
			t.Errorf("%s: %d literal us-east-1 in the template", st, n)
		}
	}
	defer func() {
		if r := recover(); r == nil || !strings.Contains(r.(string), "no region") {
			t.Fatalf("a stack with no region: %v", r)
		}
	}()
	stack.New(awscdk.NewApp(nil), "dpcoop-nowhere", stack.Props{Stage: stack.Dev, AssetDir: assets})
}

type lifecycle struct{ DeleteAfterDays float64 }

type backupPlan struct {
	BackupPlan struct {
		BackupPlanRule []struct {
			RuleName           string
			ScheduleExpression string
			Lifecycle          lifecycle
			CopyActions        []struct {
				DestinationBackupVaultArn string
				Lifecycle                 lifecycle
			}
		}
	}
}

// TestBackupsAreKeptAsTheLawSays: AWS Backup takes the table daily (kept 35
// days) and monthly (kept 7 years) into a locked vault, compliance mode in
// prod; with backupCopyVault set each backup is copied to that vault too.
func TestBackupsAreKeptAsTheLawSays(t *testing.T) {
	for _, st := range stages {
		tm := tmpls[st]
		_, v := tm.only(t, "AWS::Backup::BackupVault")
		vault := props[struct {
			LockConfiguration *struct{ MinRetentionDays, MaxRetentionDays, ChangeableForDays float64 }
		}](t, v)
		if l := vault.LockConfiguration; l == nil || l.MinRetentionDays != 35 || l.MaxRetentionDays != 2557 || (l.ChangeableForDays != 0) != (st == stack.Prod) {
			t.Errorf("%s: vault lock %+v", st, vault.LockConfiguration)
		}
		if v.DeletionPolicy != "Retain" {
			t.Errorf("%s: the vault would be deleted with the stack", st)
		}
		_, p := tm.only(t, "AWS::Backup::BackupPlan")
		rules := map[string]float64{}
		for _, r := range props[backupPlan](t, p).BackupPlan.BackupPlanRule {
			rules[r.RuleName] = r.Lifecycle.DeleteAfterDays
			if len(r.CopyActions) != 0 {
				t.Errorf("%s: copies with no second vault set", st)
			}
		}
		if rules["Daily"] != 35 || rules["Monthly"] != 2557 || len(rules) != 2 {
			t.Errorf("%s: rules %v", st, rules)
		}
		_, sel := tm.only(t, "AWS::Backup::BackupSelection")
		table, _ := tm.only(t, "AWS::DynamoDB::Table")
		if !strings.Contains(string(sel.Properties), table) {
			t.Errorf("%s: the selection does not name the table: %s", st, sel.Properties)
		}
	}

	const second = "arn:aws:backup:eu-west-2:210987654321:backup-vault:dpcoop-copies"
	app := awscdk.NewApp(&awscdk.AppProps{Context: &map[string]any{stack.ContextBackupCopyVault: second}})
	s := stack.New(app, "dpcoop-copied", stack.Props{Stage: stack.Prod, AssetDir: assets, StackProps: awscdk.StackProps{Env: london.Env}})
	tmpl := assertions.Template_FromStack(s, nil)
	for _, days := range []float64{35, 2557} {
		tmpl.HasResourceProperties(jsii.String("AWS::Backup::BackupPlan"), assertions.Match_ObjectLike(&map[string]any{
			"BackupPlan": assertions.Match_ObjectLike(&map[string]any{
				"BackupPlanRule": assertions.Match_ArrayWith(&[]any{assertions.Match_ObjectLike(&map[string]any{
					"Lifecycle":   map[string]any{"DeleteAfterDays": days},
					"CopyActions": []any{map[string]any{"DestinationBackupVaultArn": second, "Lifecycle": map[string]any{"DeleteAfterDays": days}}},
				})}),
			}),
		}))
	}
}

// TestPublicRoutesAreThrottledApart: each public route has its own throttle
// in the stage's route settings, below the stage-wide one the signed-in
// routes share.
func TestPublicRoutesAreThrottledApart(t *testing.T) {
	forStages(t, func(t *testing.T, st string, c *cfnTemplate) {
		_, r := c.only(t, "AWS::ApiGatewayV2::Stage")
		type throttle struct{ ThrottlingBurstLimit, ThrottlingRateLimit float64 }
		p := props[struct {
			DefaultRouteSettings throttle
			RouteSettings        map[string]throttle
		}](t, r)
		for _, rt := range route.Table {
			got, ok := p.RouteSettings[rt.Key()]
			if ok != rt.Public() {
				t.Errorf("%s: own throttle %v, want one only for public routes", rt.Key(), ok)
				continue
			}
			if ok && (got.ThrottlingRateLimit <= 0 || got.ThrottlingRateLimit >= p.DefaultRouteSettings.ThrottlingRateLimit) {
				t.Errorf("%s: throttle %+v against the stage's %+v", rt.Key(), got, p.DefaultRouteSettings)
			}
		}
		if p.DefaultRouteSettings.ThrottlingRateLimit < 500 {
			t.Errorf("the stage throttle %+v is not sized for the whole service", p.DefaultRouteSettings)
		}
	})
}
