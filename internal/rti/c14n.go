package rti

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
)

// Canonical XML
//
// The IRmark is a digest of the GovTalk Body in W3C Canonical XML 1.0
// (inclusive, without comments: https://www.w3.org/TR/2001/REC-xml-c14n-20010315).
// This is that canonical form for an element of a parsed document (a
// "document subset" of one element and everything in it), written for the
// GovTalk messages dpcoop sends and receives: namespaces, attributes, text,
// comments and processing instructions. It does not read a DTD, so
// attribute defaults and entity declarations are not applied (GovTalk
// messages have neither), and attribute values are taken as the parser
// gives them (HMRC's messages hold no tabs or line breaks in attributes).

// canonical writes the canonical form of the first element named apex (in
// the GovTalk envelope's namespace or any other: the local name decides)
// found in doc. skip, if not nil, leaves out any element inside the apex
// for which it answers true, with everything in it, keeping the text
// around it.
func canonical(doc []byte, apex string, skip func(path []string) bool) ([]byte, error) {
	d := xml.NewDecoder(bytes.NewReader(doc))
	var (
		out      bytes.Buffer
		scopes   scopeStack // namespace and xml: attribute scope of every open element
		path     []string   // local names of the open elements
		inApex   bool
		depth    int // open elements inside and including the apex
		skipping int // open elements of a skipped subtree
		rendered []map[string]string
	)
	for {
		tok, err := d.RawToken()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("rti: canonical XML: %w", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			s := scopes.top().child(t)
			scopes = append(scopes, s)
			path = append(path, t.Name.Local)
			if !inApex {
				if t.Name.Local != apex {
					continue
				}
				inApex = true
			}
			depth++
			if skipping > 0 || (depth > 1 && skip != nil && skip(path)) {
				skipping++
				continue
			}
			parent := map[string]string{}
			if len(rendered) > 0 {
				parent = rendered[len(rendered)-1]
			}
			now := writeStart(&out, t, s, parent, depth == 1)
			rendered = append(rendered, now)
		case xml.EndElement:
			if len(scopes) == 0 || path[len(path)-1] != t.Name.Local {
				return nil, errors.New("rti: canonical XML: end tag does not match")
			}
			scopes, path = scopes[:len(scopes)-1], path[:len(path)-1]
			if !inApex {
				continue
			}
			depth--
			if skipping > 0 {
				skipping--
				continue
			}
			rendered = rendered[:len(rendered)-1]
			out.WriteString("</" + qname(t.Name) + ">")
			if depth == 0 {
				return out.Bytes(), nil
			}
		case xml.CharData:
			if inApex && skipping == 0 {
				escapeText(&out, string(t))
			}
		case xml.ProcInst:
			if inApex && skipping == 0 {
				out.WriteString("<?" + t.Target)
				if len(t.Inst) > 0 {
					out.WriteString(" " + string(t.Inst))
				}
				out.WriteString("?>")
			}
		}
	}
	return nil, fmt.Errorf("rti: canonical XML: no complete %s element", apex)
}

// scope is what an element inherits: the namespace declarations in force
// (prefix to URI, "" for the default namespace) and the xml: attributes.
type scope struct {
	ns  map[string]string
	xml map[string]string
}

type scopeStack []scope

func (s scopeStack) top() scope {
	if len(s) == 0 {
		return scope{ns: map[string]string{}, xml: map[string]string{}}
	}
	return s[len(s)-1]
}

func (s scope) child(t xml.StartElement) scope {
	c := scope{ns: s.ns, xml: s.xml}
	copied := false
	for _, a := range t.Attr {
		if !copied && (isNSDecl(a) || a.Name.Space == "xml") {
			c.ns, c.xml = clone(s.ns), clone(s.xml)
			copied = true
		}
		switch {
		case a.Name.Space == "" && a.Name.Local == "xmlns":
			c.ns[""] = a.Value
		case a.Name.Space == "xmlns":
			c.ns[a.Name.Local] = a.Value
		case a.Name.Space == "xml":
			c.xml[a.Name.Local] = a.Value
		}
	}
	return c
}

func isNSDecl(a xml.Attr) bool {
	return a.Name.Space == "xmlns" || (a.Name.Space == "" && a.Name.Local == "xmlns")
}

func clone(m map[string]string) map[string]string {
	c := make(map[string]string, len(m))
	for k, v := range m {
		c[k] = v
	}
	return c
}

// writeStart writes an element's start tag in canonical form and returns
// the namespaces rendered in scope for its children. A namespace is
// written where its value differs from the one the nearest written
// ancestor put in scope; the apex also takes the xml: attributes of the
// elements above it.
func writeStart(out *bytes.Buffer, t xml.StartElement, s scope, parent map[string]string, apex bool) map[string]string {
	now := clone(parent)
	var prefixes []string
	for p, uri := range s.ns {
		if have, ok := parent[p]; ok && have == uri || (!ok && uri == "") {
			continue
		}
		prefixes = append(prefixes, p)
		now[p] = uri
	}
	sort.Strings(prefixes) // the default namespace ("") sorts first
	out.WriteString("<" + qname(t.Name))
	for _, p := range prefixes {
		if p == "" {
			out.WriteString(` xmlns="`)
		} else {
			out.WriteString(" xmlns:" + p + `="`)
		}
		escapeAttr(out, s.ns[p])
		out.WriteString(`"`)
	}
	type attr struct{ uri, local, name, value string }
	var attrs []attr
	seen := map[string]bool{}
	for _, a := range t.Attr {
		if isNSDecl(a) {
			continue
		}
		uri := ""
		switch a.Name.Space {
		case "":
		case "xml":
			uri = "http://www.w3.org/XML/1998/namespace"
			seen[a.Name.Local] = true
		default:
			uri = s.ns[a.Name.Space]
		}
		attrs = append(attrs, attr{uri, a.Name.Local, qname(a.Name), a.Value})
	}
	if apex {
		for local, v := range s.xml {
			if !seen[local] {
				attrs = append(attrs, attr{"http://www.w3.org/XML/1998/namespace", local, "xml:" + local, v})
			}
		}
	}
	sort.Slice(attrs, func(i, j int) bool {
		if attrs[i].uri != attrs[j].uri {
			return attrs[i].uri < attrs[j].uri
		}
		return attrs[i].local < attrs[j].local
	})
	for _, a := range attrs {
		out.WriteString(" " + a.name + `="`)
		escapeAttr(out, a.value)
		out.WriteString(`"`)
	}
	out.WriteString(">")
	return now
}

func qname(n xml.Name) string {
	if n.Space == "" {
		return n.Local
	}
	return n.Space + ":" + n.Local
}

var (
	textEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", "\r", "&#xD;")
	attrEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", `"`, "&quot;", "\t", "&#x9;", "\n", "&#xA;", "\r", "&#xD;")
)

func escapeText(out *bytes.Buffer, s string) { textEscaper.WriteString(out, s) }
func escapeAttr(out *bytes.Buffer, s string) { attrEscaper.WriteString(out, s) }
