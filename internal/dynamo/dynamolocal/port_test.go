package dynamolocal

import (
	"context"
	"errors"
	"net"
	"os/exec"
	"testing"
)

// TestTakenPortIsToldApart: when another process holds the chosen port, the
// start fails as errPortTaken, which Launch answers by trying another port
// (CI once failed every test of a package on a port taken in between).
func TestTakenPortIsToldApart(t *testing.T) {
	java, err := exec.LookPath("java")
	if err != nil {
		t.Fatal(err)
	}
	home, err := Home()
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", ":0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	s, err := launchOn(context.Background(), java, home, "", ln.Addr().(*net.TCPAddr).Port)
	if err == nil {
		s.Close()
		t.Fatal("started on a port another process holds")
	}
	if !errors.Is(err, errPortTaken) {
		t.Fatalf("not told apart as a taken port: %v", err)
	}
}
