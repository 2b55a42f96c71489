package messages

import (
	"strconv"
	"strings"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
	"github.com/dpcoop/dpcoop/internal/sheet"
)

// registerColumns are the register's columns in CSV, in s.30 order.
var registerColumns = []string{"id", "class", "name", "address", "electronic_address", "electronic_uses", "shares", "shares_paid_pounds", "shares_paid_pence", "other_property", "date_entered", "date_ceased"}

// RegisterSheet is the register of members as a spreadsheet in l, the same
// for the API's CSV and the admin's download: a shareholding the reader may
// not see stays empty.
func RegisterSheet(entries []dpcoop.RegisterEntry, l dpcoop.Lang) *sheet.Sheet {
	head := make([]string, len(registerColumns))
	for i, c := range registerColumns {
		head[i] = Text(l, "register."+c, nil)
	}
	sh := sheet.New(head...)
	for _, e := range entries {
		m := e.Member
		shares, paid, pounds := "", "", ""
		if e.Shares != nil {
			shares, paid, pounds = strconv.FormatInt(*e.Shares, 10), sheet.Pence(*e.SharesPaid), sheet.Pounds(*e.SharesPaid)
		}
		uses := make([]string, len(m.ElectronicUses))
		for i, u := range m.ElectronicUses {
			uses[i] = Text(l, "use."+u, nil)
		}
		sh.Row(m.ID, Text(l, "class."+string(m.Class), nil), m.Name, m.Address, m.ElectronicAddress,
			strings.Join(uses, ", "), shares, pounds, paid, m.OtherProperty, string(m.Entered), string(m.Ceased))
	}
	return sh
}
