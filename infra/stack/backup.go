package stack

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsbackup"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsdynamodb"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsevents"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/jsii-runtime-go"
	"github.com/cdklabs/cdk-nag-go/cdknag/v2"
)

// DefaultRegion is where the service runs unless a region is given
// explicitly: London, so co-ops' records stay in the UK.
const DefaultRegion = "eu-west-2"

// ContextRegion is the CDK context key (`-c region=...`) that deploys to
// another region, explicitly.
const ContextRegion = "region"

// ContextBackupCopyVault is the CDK context key (`-c backupCopyVault=<arn>`)
// naming a backup vault, in a second account, that every backup is also
// copied to. That vault's access policy must allow this account to copy in.
const ContextBackupCopyVault = "backupCopyVault"

// Backup retention: daily backups for 35 days (as point-in-time recovery),
// monthly ones for 7 years (payroll records: 3 years after the tax year;
// payslips: 6 years; the register: longer is safer).
var (
	dailyRetention   = awscdk.Duration_Days(jsii.Number(35))
	monthlyRetention = awscdk.Duration_Days(jsii.Number(7*365 + 2))
)

// newBackups backs the table up with AWS Backup into a vault under vault
// lock, so no one (in prod not even the account's root, once the lock's
// grace period ends) can delete a backup before its time; every backup is
// also copied to the second account's vault when one is named.
func newBackups(s awscdk.Stack, props Props, table awsdynamodb.Table) {
	prod := props.Stage == Prod
	lock := &awsbackup.LockConfiguration{MinRetention: dailyRetention, MaxRetention: monthlyRetention}
	if prod {
		// Compliance mode: after three days the lock itself cannot be removed.
		lock.ChangeableFor = awscdk.Duration_Days(jsii.Number(3))
	}
	vault := awsbackup.NewBackupVault(s, jsii.String("BackupVault"), &awsbackup.BackupVaultProps{
		LockConfiguration: lock,
		// Recovery points outlive the stack: a locked vault cannot be emptied.
		RemovalPolicy: awscdk.RemovalPolicy_RETAIN,
	})
	var copyTo awsbackup.IBackupVault
	if arn, _ := s.Node().TryGetContext(jsii.String(ContextBackupCopyVault)).(string); arn != "" {
		copyTo = awsbackup.BackupVault_FromBackupVaultArn(s, jsii.String("BackupCopyVault"), jsii.String(arn))
	}
	rule := func(name string, schedule awsevents.Schedule, keep awscdk.Duration) awsbackup.BackupPlanRule {
		p := &awsbackup.BackupPlanRuleProps{
			RuleName: jsii.String(name), ScheduleExpression: schedule, DeleteAfter: keep,
			StartWindow: awscdk.Duration_Hours(jsii.Number(1)), CompletionWindow: awscdk.Duration_Hours(jsii.Number(8)),
		}
		if copyTo != nil {
			p.CopyActions = &[]*awsbackup.BackupPlanCopyActionProps{{DestinationBackupVault: copyTo, DeleteAfter: keep}}
		}
		return awsbackup.NewBackupPlanRule(p)
	}
	plan := awsbackup.NewBackupPlan(s, jsii.String("BackupPlan"), &awsbackup.BackupPlanProps{
		BackupVault: vault,
		BackupPlanRules: &[]awsbackup.BackupPlanRule{
			rule("Daily", awsevents.Schedule_Cron(&awsevents.CronOptions{Hour: jsii.String("2"), Minute: jsii.String("0")}), dailyRetention),
			rule("Monthly", awsevents.Schedule_Cron(&awsevents.CronOptions{Day: jsii.String("1"), Hour: jsii.String("3"), Minute: jsii.String("0")}), monthlyRetention),
		},
	})
	plan.AddSelection(jsii.String("Table"), &awsbackup.BackupSelectionOptions{
		Resources: &[]awsbackup.BackupResource{awsbackup.BackupResource_FromDynamoDbTable(table)},
		Role:      backupRole(s, table, copyTo),
		// The role above is all AWS Backup gets: not the broad managed policy.
		DisableDefaultBackupPolicy: jsii.Bool(true),
	})
	awscdk.NewCfnOutput(s, jsii.String("BackupVaultName"), &awscdk.CfnOutputProps{
		Value: vault.BackupVaultName(), Description: jsii.String("AWS Backup vault holding the table's daily and monthly backups"),
	})
}

// backupRole is what AWS Backup may do, in place of the broad managed
// AWSBackupServiceRolePolicyForBackup: back this table up, manage its own
// backups of it, and copy them to the second vault when there is one.
func backupRole(s awscdk.Stack, table awsdynamodb.Table, copyTo awsbackup.IBackupVault) awsiam.Role {
	role := awsiam.NewRole(s, jsii.String("BackupRole"), &awsiam.RoleProps{
		AssumedBy:   awsiam.NewServicePrincipal(jsii.String("backup.amazonaws.com"), nil),
		Description: jsii.String("AWS Backup: back up the dpcoop table"),
	})
	allow := func(resources []*string, actions ...string) {
		role.AddToPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
			Actions: jsii.Strings(actions...), Resources: &resources,
		}))
	}
	allow([]*string{table.TableArn()}, "dynamodb:CreateBackup", "dynamodb:DescribeTable", "dynamodb:ListTagsOfResource", "dynamodb:StartAwsBackupJob")
	allow([]*string{jsii.String(*table.TableArn() + "/backup/*")}, "dynamodb:DescribeBackup", "dynamodb:DeleteBackup")
	if copyTo != nil {
		allow([]*string{copyTo.BackupVaultArn()}, "backup:CopyIntoBackupVault", "backup:DescribeBackupVault")
	}
	cdknag.NagSuppressions_AddResourceSuppressions(role, &[]*cdknag.NagPackSuppression{{
		Id: jsii.String("AwsSolutions-IAM5"),
		Reason: jsii.String("DynamoDB names each backup of the table <table ARN>/backup/<id> only when it is made: " +
			"describing and deleting them (at the end of their retention) needs that prefix, of this table alone"),
	}}, jsii.Bool(true))
	return role
}
