package email

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sesv2"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

// outbox records what reached SES, standing in for the AWS service.
type outbox []*sesv2.SendEmailInput

func (o *outbox) SendEmail(_ context.Context, in *sesv2.SendEmailInput, _ ...func(*sesv2.Options)) (*sesv2.SendEmailOutput, error) {
	*o = append(*o, in)
	return &sesv2.SendEmailOutput{}, nil
}

func TestSendEmailsAndLogsPostWithoutPersonalData(t *testing.T) {
	var o outbox
	var logs bytes.Buffer
	s := New(&o, "hysbysiadau@demo.coop.example", slog.New(slog.NewJSONHandler(&logs, nil)))
	n := dpcoop.Notice{Coop: "demo", Motion: "m1", Member: "gwen", Kind: "opened", Channel: dpcoop.ChannelEmail,
		To: "gwen@example.org", Language: dpcoop.Welsh, Subject: "Pleidlais ar agor", Body: "Mae'r bleidlais ar agor."}
	if err := s.Send(context.Background(), n); err != nil {
		t.Fatal(err)
	}
	if len(o) != 1 || o[0].Destination.ToAddresses[0] != "gwen@example.org" || aws.ToString(o[0].Content.Simple.Subject.Data) != "Pleidlais ar agor" ||
		aws.ToString(o[0].FromEmailAddress) != "hysbysiadau@demo.coop.example" {
		t.Fatalf("%+v", o)
	}
	n.Channel, n.To = dpcoop.ChannelPost, "3 Heol y Castell, Aberystwyth"
	if err := s.Send(context.Background(), n); err != nil || len(o) != 1 {
		t.Fatalf("a letter went to SES: %v", err)
	}
	if strings.Contains(logs.String(), "Heol") || !strings.Contains(logs.String(), "notice to print and post") {
		t.Fatalf("logs: %s", logs.String())
	}
}
