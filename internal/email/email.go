// Package email sends the notices members consented to receive by email,
// with Amazon SES.
package email

import (
	"context"
	"log/slog"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sesv2"
	"github.com/aws/aws-sdk-go-v2/service/sesv2/types"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

// Client is the part of the SES API the sender uses.
type Client interface {
	SendEmail(context.Context, *sesv2.SendEmailInput, ...func(*sesv2.Options)) (*sesv2.SendEmailOutput, error)
}

// Sender sends notices from one verified address.
type Sender struct {
	client Client
	from   string
	log    *slog.Logger
}

// New returns a sender from the given address (an SES verified identity).
func New(c Client, from string, log *slog.Logger) *Sender {
	return &Sender{client: c, from: from, log: log}
}

var _ dpcoop.Notices = (*Sender)(nil)

// Send emails a notice in the member's language. A notice by post cannot be
// sent from here: it is logged (ids only) for the co-op to print, and counts
// as delivered to the service.
func (s *Sender) Send(ctx context.Context, n dpcoop.Notice) error {
	if n.Channel != dpcoop.ChannelEmail {
		s.log.InfoContext(ctx, "notice to print and post", slog.String("coop", string(n.Coop)),
			slog.String("motion", n.Motion), slog.String("member", n.Member), slog.String("kind", n.Kind))
		return nil
	}
	_, err := s.client.SendEmail(ctx, &sesv2.SendEmailInput{
		FromEmailAddress: aws.String(s.from),
		Destination:      &types.Destination{ToAddresses: []string{n.To}},
		Content: &types.EmailContent{Simple: &types.Message{
			Subject: &types.Content{Data: aws.String(n.Subject), Charset: aws.String("UTF-8")},
			Body:    &types.Body{Text: &types.Content{Data: aws.String(n.Body), Charset: aws.String("UTF-8")}},
		}},
	})
	if err != nil {
		return &dpcoop.Error{Op: "send notice", Kind: dpcoop.KindUnavailable, Code: dpcoop.CodeUnavailable, Err: err}
	}
	return nil
}
