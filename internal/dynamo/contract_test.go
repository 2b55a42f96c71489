package dynamo_test

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/dpcoop/dpcoop/internal/accounts"
	"github.com/dpcoop/dpcoop/internal/cases"
	"github.com/dpcoop/dpcoop/internal/dpcoop"
	"github.com/dpcoop/dpcoop/internal/dynamo"
	"github.com/dpcoop/dpcoop/internal/dynamo/dynamolocal"
	"github.com/dpcoop/dpcoop/internal/employees"
	"github.com/dpcoop/dpcoop/internal/members"
	"github.com/dpcoop/dpcoop/internal/particulars"
	"github.com/dpcoop/dpcoop/internal/payrun"
	"github.com/dpcoop/dpcoop/internal/pensions"
	"github.com/dpcoop/dpcoop/internal/retention"
	"github.com/dpcoop/dpcoop/internal/signup"
	"github.com/dpcoop/dpcoop/internal/statutorypay"
	"github.com/dpcoop/dpcoop/internal/storetest"
	"github.com/dpcoop/dpcoop/internal/timesheets"
)

// contractTable is the one table the contract suites share: each subtest
// works in co-ops of its own.
var contractTable struct {
	once  sync.Once
	store *dynamo.Store
	err   error
	coops atomic.Int64
}

// openContract gives a contract subtest the store and two new co-ops.
func openContract(t *testing.T) (*dynamo.Store, storetest.Fixture) {
	t.Helper()
	contractTable.once.Do(func() {
		db, err := dynamolocal.Start(context.Background(), "contract")
		if err != nil {
			contractTable.err = err
			return
		}
		contractTable.store = dynamo.New(db.Client, db.Table)
	})
	if contractTable.err != nil {
		t.Fatal(contractTable.err)
	}
	s := contractTable.store
	newCoop := func() dpcoop.CoopID {
		id := fmt.Sprint("contract", contractTable.coops.Add(1))
		mustCoop(t, s, id)
		return dpcoop.CoopID(id)
	}
	c, other := newCoop(), newCoop()
	return s, fixture(s, c, other)
}

// fixture seeds what the contracts need through the store's own writes.
func fixture(s *dynamo.Store, c, other dpcoop.CoopID) storetest.Fixture {
	ctx := context.Background()
	apply := func(t *testing.T, a dpcoop.Application) {
		t.Helper()
		if _, _, err := s.AddApplication(ctx, c, a); err != nil {
			t.Fatal(err)
		}
	}
	return storetest.Fixture{
		Coop: c, Other: other, Apply: apply,
		Member: func(t *testing.T) dpcoop.Member {
			t.Helper()
			a := application(string(c), dpcoop.NewID(), dpcoop.KindMember)
			apply(t, a)
			if _, err := s.DecideApplication(ctx, c, a.ID, dpcoop.Decision{Approve: true, By: "admin", At: storetest.Day},
				dpcoop.AdmitOnApproval(dpcoop.DateOf(storetest.Day))); err != nil {
				t.Fatal(err)
			}
			m, err := s.Member(ctx, c, a.ID)
			if err != nil {
				t.Fatal(err)
			}
			return m
		},
		PA: func(t *testing.T) dpcoop.PA {
			t.Helper()
			id := dpcoop.NewID()
			pa, _, err := s.AddPA(ctx, c, dpcoop.PA{ID: id, LegalName: "PA " + id, Email: id + "@example.org", Language: dpcoop.Welsh,
				Status: dpcoop.PAActive}, "fp-"+id, dpcoop.FirstNotices{})
			if err != nil {
				t.Fatal(err)
			}
			return pa
		},
		Payslip: func(t *testing.T, c dpcoop.CoopID, month, pa string, payDate dpcoop.Date) {
			t.Helper()
			slip(t, s, string(c), month, pa, payDate)
		},
		PayMonth: func(t *testing.T, month string) {
			t.Helper()
			at := storetest.Day
			run := dpcoop.Run{Month: month, Status: dpcoop.RunPreview, Attempt: 1, Execution: "contract", Started: at}
			if _, err := s.BeginRun(ctx, c, run); err != nil {
				t.Fatal(err)
			}
			run.Finalised, run.FinalisedBy = &at, "admin"
			if _, err := s.FinaliseRun(ctx, c, run, nil, nil, nil); err != nil {
				t.Fatal(err)
			}
		},
	}
}

func TestTimesheetsContract(t *testing.T) {
	storetest.Timesheets(t, func(t *testing.T) (timesheets.Store, storetest.Fixture) { return openContract(t) })
}

func TestEmployeesContract(t *testing.T) {
	storetest.Employees(t, func(t *testing.T) (employees.Store, storetest.Fixture) { return openContract(t) })
}

func TestLedgerContract(t *testing.T) {
	storetest.Ledger(t, func(t *testing.T) (accounts.Ledger, storetest.Fixture) { return openContract(t) })
}

func TestRegisterContract(t *testing.T) {
	storetest.Register(t, func(t *testing.T) (accounts.Register, storetest.Fixture) { return openContract(t) })
}

func TestStatutoryPayContract(t *testing.T) {
	storetest.StatutoryPay(t, func(t *testing.T) (statutorypay.Store, storetest.Fixture) { return openContract(t) })
}

func TestPensionsContract(t *testing.T) {
	storetest.Pensions(t, func(t *testing.T) (pensions.Store, storetest.Fixture) { return openContract(t) })
}

func TestVotesContract(t *testing.T) {
	storetest.Votes(t, func(t *testing.T) (dpcoop.Votes, storetest.Fixture) { return openContract(t) })
}

func TestTrainingContract(t *testing.T) {
	storetest.Training(t, func(t *testing.T) (storetest.EmployerRecords, storetest.Fixture) { return openContract(t) })
}

func TestAuditContract(t *testing.T) {
	storetest.Audit(t, func(t *testing.T) (dpcoop.Audit, storetest.Fixture) { return openContract(t) })
}

func TestMembersContract(t *testing.T) {
	storetest.Members(t, func(t *testing.T) (members.Store, storetest.Fixture) { return openContract(t) })
}

func TestSignupContract(t *testing.T) {
	storetest.Signup(t, func(t *testing.T) (signup.Store, storetest.Fixture) { return openContract(t) })
}

func TestPayrollContract(t *testing.T) {
	storetest.Payroll(t, func(t *testing.T) (payrun.Records, storetest.Fixture) { return openContract(t) })
}

func TestCasesContract(t *testing.T) {
	storetest.Cases(t, func(t *testing.T) (cases.Store, storetest.Fixture) { return openContract(t) })
}

func TestRetentionContract(t *testing.T) {
	storetest.Retention(t, func(t *testing.T) (retention.Store, storetest.Fixture) { return openContract(t) })
}

func TestParticularsContract(t *testing.T) {
	storetest.Particulars(t, func(t *testing.T) (particulars.Store, storetest.Fixture) { return openContract(t) })
}

func TestAccessContract(t *testing.T) {
	storetest.Access(t, func(t *testing.T) (dpcoop.Store, storetest.Fixture) { return openContract(t) })
}
