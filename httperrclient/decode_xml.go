package httperrclient

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"slices"
	"strings"
)

// Decoding of an application/problem+xml body (RFC 9457 appendix B) into its members, for FromResponse.

// maxXMLDepth bounds the nesting of elements in a problem+xml document.
const maxXMLDepth = 1000

// xmlNamespace is the namespace of the problem+xml format of RFC 9457 appendix B.
const xmlNamespace = "urn:ietf:rfc:7807"

// countXMLValues returns at least the number of elements and attributes in the XML text data: the '<' not
// followed by '/' (comments, CDATA sections and processing instructions are counted as well) and the '='
// followed by a quote, which every attribute (a namespace declaration too) has in a strict decoder's input.
// Attributes are not decoded into members, but encoding/xml builds every one of an element's attributes
// (at some 50 times the bytes of ` a=""`) before the element reaches the decoder.
func countXMLValues(data []byte) int {
	n := 0
	for i := 0; i < len(data); i++ {
		switch data[i] {
		case '<':
			if i+1 == len(data) || data[i+1] != '/' {
				n++
			}
		case '=':
			j := i + 1
			for j < len(data) && (data[j] == ' ' || data[j] == '\t' || data[j] == '\r' || data[j] == '\n') {
				j++
			}
			if j < len(data) && (data[j] == '"' || data[j] == '\'') {
				n++
			}
		}
	}
	return n
}

// errNotProblem reports an XML document that is not a problem.
var errNotProblem = errors.New("not a problem document")

// decodeXMLProblem returns the members of a problem+xml document, or nil when data is not one. The four
// string members count only in the problem namespace and with no child elements; other elements become
// extension members named by their local name.
func decodeXMLProblem(data []byte) map[string]any {
	dec := xml.NewDecoder(bytes.NewReader(bytes.TrimPrefix(data, []byte(utf8BOM))))
	var members map[string]any
	for {
		tok, err := dec.Token()
		if err == io.EOF && members != nil {
			return members
		}
		if err != nil {
			return nil
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if members != nil || t.Name.Space != xmlNamespace || t.Name.Local != "problem" {
				return nil // a second root, or not a problem
			}
			if members, err = xmlMembers(dec); err != nil {
				return nil
			}
		case xml.CharData:
			if len(bytes.TrimSpace(t)) != 0 {
				return nil
			}
		}
	}
}

// xmlMembers reads the children of the problem element, up to its end.
func xmlMembers(dec *xml.Decoder) (map[string]any, error) {
	members := make(map[string]any)
	for {
		tok, err := dec.Token()
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			v, err := xmlValue(dec, 1)
			if err != nil {
				return nil, err
			}
			name := t.Name.Local
			if reserved(name) {
				if _, isText := v.(string); !isText || t.Name.Space != xmlNamespace {
					continue
				}
			}
			members[name] = v
		case xml.EndElement:
			return members, nil
		}
	}
}

// xmlValue reads the content of an element up to its end: its text when it has no child elements, a []any
// when all its children are <i>, else a map[string]any of its children by local name.
func xmlValue(dec *xml.Decoder, depth int) (any, error) {
	var text strings.Builder // one text token costs its bytes once: String does not copy
	type child struct {
		name  string
		value any
	}
	var children []child
	for {
		tok, err := dec.Token()
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.CharData:
			text.Write(t)
		case xml.StartElement:
			if depth >= maxXMLDepth {
				return nil, errNotProblem
			}
			v, err := xmlValue(dec, depth+1)
			if err != nil {
				return nil, err
			}
			children = append(children, child{t.Name.Local, v})
		case xml.EndElement:
			if len(children) == 0 {
				return text.String(), nil
			}
			if !slices.ContainsFunc(children, func(c child) bool { return c.name != "i" }) {
				list := make([]any, len(children))
				for i, c := range children {
					list[i] = c.value
				}
				return list, nil
			}
			m := make(map[string]any, len(children))
			for _, c := range children {
				m[c.name] = c.value
			}
			return m, nil
		}
	}
}
