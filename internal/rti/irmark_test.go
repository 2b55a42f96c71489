package rti

import (
	"os"
	"strings"
	"testing"
)

// HMRC's published sample messages (testdata/README.md) carry the IRmarks
// HMRC worked out for them: ours must agree, digit for digit.
func TestIRmarkMatchesHMRCSamples(t *testing.T) {
	for file, want := range map[string]string{
		"hmrc-fps-2014-15-sample.xml": "dLgmXy13cUXXhHccgSsVjWLVN1k=",
		"hmrc-eps-2014-15-sample.xml": "47g8aXfkKTIp/W+j0zfQ0zfcgic=",
		"hmrc-fps-2013-14-sample.xml": "QfV8qcJuF/uZRbZuvoUjoj+sqBc=",
		"hmrc-nvr-2014-15-sample.xml": "LNxc+vFKjiT0wcajMsKcNbGrs5M=",
	} {
		msg, err := os.ReadFile("testdata/" + file)
		if err != nil {
			t.Fatal(err)
		}
		if got := StatedIRmark(msg); got != want {
			t.Fatalf("%s states %q, the test expects %q", file, got, want)
		}
		m, err := IRmark(msg)
		if err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		if m.Base64 != want {
			t.Errorf("%s: IRmark %s, HMRC's sample says %s", file, m.Base64, want)
		}
		if len(m.Base32) != 32 {
			t.Errorf("%s: base32 form %q is not 32 characters", file, m.Base32)
		}
	}
}

// Changing one figure in the body changes the mark; changing the envelope
// header (outside the Body) or the IRmark itself does not.
func TestIRmarkCoversTheBodyOnly(t *testing.T) {
	msg, err := os.ReadFile("testdata/hmrc-fps-2014-15-sample.xml")
	if err != nil {
		t.Fatal(err)
	}
	s := string(msg)
	mark := func(s string) string {
		m, err := IRmark([]byte(s))
		if err != nil {
			t.Fatal(err)
		}
		return m.Base64
	}
	base := mark(s)
	if got := mark(strings.Replace(s, "<TaxablePay>1445.00</TaxablePay>", "<TaxablePay>1445.01</TaxablePay>", 1)); got == base {
		t.Error("a changed figure kept the mark")
	}
	if got := mark(strings.Replace(s, "<Value>testing1</Value>", "<Value>other</Value>", 1)); got != base {
		t.Error("the credentials outside the Body changed the mark")
	}
	if got := mark(strings.Replace(s, "dLgmXy13cUXXhHccgSsVjWLVN1k=", "", 1)); got != base {
		t.Error("the IRmark's own value changed the mark")
	}
}

// The canonical form: namespaces in force come down onto the apex,
// declarations repeated with the same value vanish, attributes sort by
// namespace URI then name, empty elements get end tags, comments go, and text
// and attributes are escaped as the recommendation says.
func TestCanonicalForm(t *testing.T) {
	doc := `<?xml version="1.0"?>
<m xmlns="urn:env" xmlns:p="urn:p" xml:lang="cy"><Body b="2" a='1 &amp; "q"' p:z="3"><!-- note --><x xmlns="urn:env"/><y xmlns="urn:other">a &lt; b &gt; c &#13;<![CDATA[<raw>]]></y><?pi data?></Body></m>`
	got, err := canonical([]byte(doc), "Body", nil)
	if err != nil {
		t.Fatal(err)
	}
	want := `<Body xmlns="urn:env" xmlns:p="urn:p" a="1 &amp; &quot;q&quot;" b="2" xml:lang="cy" p:z="3"><x></x><y xmlns="urn:other">a &lt; b &gt; c &#xD;&lt;raw&gt;</y><?pi data?></Body>`
	if string(got) != want {
		t.Errorf("canonical form\n got %s\nwant %s", got, want)
	}
}
