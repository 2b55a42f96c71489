package payslips

import (
	"os"
	"testing"
)

func TestZZRender(t *testing.T) {
	for i, r := range run(t) {
		b, err := PDF(employer(), r.Employee, r.Slip)
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile("/tmp/payslips/p"+string(rune('0'+i))+".pdf", b, 0o644)
	}
	r := sian(t)
	r.Employee.Name = "ŵ ŷ â ê î ô û Ŵ Ŷ Â Ê Î Ô Û ä ë ï ö ü ÿ á é í ó ú ý à è ì ò ù ỳ ẁ ẃ ẅ Ẁ 😀 \U0001F3F4 中文 tab\there"
	b, err := PDF(employer(), r.Employee, r.Slip)
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile("/tmp/payslips/glyphs.pdf", b, 0o644)
}
