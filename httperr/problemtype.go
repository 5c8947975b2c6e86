package httperr

import (
	"encoding/json"
	"fmt"
	"slices"
	"strconv"

	"golang.org/x/text/language"

	"github.com/httperr/toolkit/internal/negotiate"
)

// ProblemType is a problem type declared once (RFC 9457 sections 3.1.1 and 4): its type URI, the status its
// problems are sent with, its title and description in each language, and the extension members it adds,
// each with a JSON Schema. Errors are built from it with [ProblemType.New]; the [Renderer] sends them with
// the type's URI and its title in the client's language, and package httperrdoc documents it (its page at
// its URI, its JSON Schema, its OpenAPI response).
//
//	var OutOfCredit = httperr.NewProblemType("https://example.com/problems/out-of-credit", http.StatusForbidden,
//		httperr.TypeText{Tag: language.English, Title: "You do not have enough credit",
//			Description: "The account's balance does not cover the price of the request.",
//			Members:     map[string]string{"balance": "The account's balance, in cents."}},
//		httperr.TypeText{Tag: language.French, Title: "Crédit insuffisant",
//			Description: "Le solde du compte ne couvre pas le prix de la requête.",
//			Members:     map[string]string{"balance": "Le solde du compte, en centimes."}},
//	).WithMembers(httperr.Member{Name: "balance", Schema: `{"type":"integer"}`, Example: 30, Required: true}).
//		WithCode("out_of_credit")
//
//	return OutOfCredit.New("Your current balance is 30, but that costs 50.").With("balance", 30)
//
// A ProblemType is an immutable value, cheap to copy (one pointer), safe to share between goroutines: its
// With methods return modified copies and its getters return copies. Its zero value is a type with no URI
// and status 0: errors built from it are what [New] makes of status 0 (a 500, logged as a programmer error).
//
// A type with no text in the client's language is sent with its default text (the first [TypeText] given),
// and a type with no text at all with the status catalog's title in the client's language: so
// NewProblemType(base+"not-found", 404) is the plain 404 that [Renderer.TypeBase] gives, with a URI
// httperrdoc can serve.
type ProblemType struct {
	d *typeDef // nil for the zero ProblemType; never written to once built
}

// typeDef is what a ProblemType holds. It is shared between copies and never changed: the With methods
// build a new one.
type typeDef struct {
	uri     string
	status  int
	texts   []TypeText // texts[0] is the default; Members maps are copies the package owns
	members []Member
	code    *extNode // the "code" member of every error built from the type (WithCode), shared; nil for none
}

// TypeText is the text of a [ProblemType] in one language.
type TypeText struct {
	// Tag is the language of the text; a Renderer uses the text whose Tag is its negotiated catalog's
	// [Catalog.Tag], or one of the same base language (French for fr-CA).
	Tag language.Tag
	// Title is the problem's title member: a short summary of the type that does not change from occurrence
	// to occurrence (RFC 9457 section 3.1.3). Empty means the status catalog's title.
	Title string
	// Description is a paragraph about the type, for its documentation page; it is also the detail of a
	// problem whose code gave none, as the catalog's description is for plain statuses.
	Description string
	// Members describes the type's extension members in this language, by member name.
	Members map[string]string
}

// Member is an extension member that a [ProblemType] adds to its problems (RFC 9457 section 3.2). Its
// descriptions are in the type's [TypeText] Members, one per language.
type Member struct {
	// Name is the member's name in the document: not one of the five RFC 9457 members.
	Name string
	// Schema is the JSON Schema (draft 2020-12) of the member's value, as JSON text: `{"type":"integer"}`.
	// Empty means any value.
	Schema string
	// Example is a value for the example document of the type's documentation; nil leaves the member out of
	// it.
	Example any
	// Required says that every problem of the type has the member: the OpenAPI schema requires it. The
	// package does not check the errors built from the type.
	Required bool
}

// NewProblemType returns the problem type with the given URI (RFC 9457 section 3.1.1: an absolute URI,
// ideally one that serves its documentation, as httperrdoc's Handler does), the status its problems are
// sent with (400..599), and its texts, the first being the default. A type is declared once, at start-up: NewProblemType panics, as
// [http.ServeMux.Handle] does on a bad pattern, when status is outside 400..599, when uri is empty or
// "about:blank" (RFC 9457 section 4.2.1 reserves it for plain statuses), or when two texts have the same tag.
func NewProblemType(uri string, status int, texts ...TypeText) ProblemType {
	switch {
	case status < 400 || status > 599:
		panic("httperr: NewProblemType " + strconv.Quote(uri) + ": status " + strconv.Itoa(status) + " is outside 400..599")
	case uri == "" || uri == "about:blank":
		panic("httperr: NewProblemType: a declared type needs a URI other than about:blank")
	}
	d := &typeDef{uri: uri, status: status}
	for _, t := range texts {
		d.texts = withText(d.texts, t, true)
	}
	return ProblemType{d}
}

// withText returns texts with t added, or replacing the text of the same tag (a panic when strict).
func withText(texts []TypeText, t TypeText, strict bool) []TypeText {
	t.Members = cloneStrings(t.Members)
	for i, old := range texts {
		if old.Tag == t.Tag {
			if strict {
				panic("httperr: problem type has two texts for " + t.Tag.String())
			}
			texts = slices.Clone(texts)
			texts[i] = t
			return texts
		}
	}
	return append(slices.Clip(texts), t)
}

// cloneStrings returns a copy of m, nil for an empty m.
func cloneStrings(m map[string]string) map[string]string {
	if len(m) == 0 {
		return nil
	}
	c := make(map[string]string, len(m))
	for k, v := range m {
		c[k] = v
	}
	return c
}

// def returns t's definition; the zero ProblemType's is empty.
func (t ProblemType) def() *typeDef {
	if t.d == nil {
		return &typeDef{}
	}
	return t.d
}

// URI returns the type URI, "" for the zero ProblemType.
func (t ProblemType) URI() string { return t.def().uri }

// Status returns the status the type's problems are sent with, 0 for the zero ProblemType.
func (t ProblemType) Status() int { return t.def().status }

// Title returns the type's title in the language tag, falling back as the Renderer does: the text of that
// tag, else of its base language, else the default text, else the status catalog's English title.
func (t ProblemType) Title(tag language.Tag) string {
	if text, ok := t.text(tag); ok && text.Title != "" {
		return text.Title
	}
	return English().Title(t.def().status)
}

// Description returns the type's description in the language tag, falling back as [ProblemType.Title]
// does, to the status catalog's English description last.
func (t ProblemType) Description(tag language.Tag) string {
	if text, ok := t.text(tag); ok && text.Description != "" {
		return text.Description
	}
	return English().Description(t.def().status)
}

// Texts returns a copy of the type's texts, the default first.
func (t ProblemType) Texts() []TypeText {
	texts := slices.Clone(t.def().texts)
	for i := range texts {
		texts[i].Members = cloneStrings(texts[i].Members)
	}
	return texts
}

// Members returns a copy of the extension members the type adds, in the order they were given. Example
// values are returned as they were given.
func (t ProblemType) Members() []Member { return slices.Clone(t.def().members) }

// text returns the text of tag, else one of the same base language, else the default one.
func (t ProblemType) text(tag language.Tag) (TypeText, bool) {
	return negotiate.Pick(t.def().texts, tag, func(text TypeText) language.Tag { return text.Tag })
}

// WithText returns a copy of t with the text added, or replacing the text of the same language tag.
func (t ProblemType) WithText(text TypeText) ProblemType {
	d := *t.def()
	d.texts = withText(d.texts, text, false)
	return ProblemType{&d}
}

// WithMembers returns a copy of t that adds the members, after those it has; a member of a name t already
// has replaces it. Like [NewProblemType], it panics on a programmer error: a member with no name or one of
// the five names RFC 9457 defines, or a Schema that is not JSON.
func (t ProblemType) WithMembers(members ...Member) ProblemType {
	d := *t.def()
	d.members = slices.Clone(d.members)
	for _, m := range members {
		switch {
		case m.Name == "" || reserved(m.Name):
			panic("httperr: problem type " + strconv.Quote(d.uri) + ": member name " + strconv.Quote(m.Name) + " is empty or reserved by RFC 9457")
		case m.Schema != "" && !json.Valid([]byte(m.Schema)):
			panic("httperr: problem type " + strconv.Quote(d.uri) + ": the schema of member " + strconv.Quote(m.Name) + " is not JSON")
		case m.Name == codeMember && d.code != nil:
			panic("httperr: problem type " + strconv.Quote(d.uri) + ": member \"code\" is the type's code: declare it with WithCode")
		}
		if i := slices.IndexFunc(d.members, func(old Member) bool { return old.Name == m.Name }); i >= 0 {
			d.members[i] = m
		} else {
			d.members = append(d.members, m)
		}
	}
	return ProblemType{&d}
}

// codeMember is the name of the member that [ProblemType.WithCode] declares.
const codeMember = "code"

// WithCode returns a copy of t whose problems carry code as their "code" extension member: a stable key
// for clients to match on, where a title changes with its wording and its language. A code is snake_case,
// [a-z][a-z0-9_]* ("out_of_credit"); like [NewProblemType], WithCode panics on anything else, a programmer
// error made once at start-up. A second WithCode replaces the code.
//
// The code is declared as one of t's members, so that whatever reads [ProblemType.Members] documents it
// (httperrdoc's pages, schemas and OpenAPI components): Member{Name: "code", Schema:
// `{"type":"string","const":"<code>"}`, Example: code, Required: true}, in the place of a member named
// code that t had, else after its members; [ProblemType.WithMembers] then refuses a member of that name.
// [ProblemType.New] sets the member on each error, so that it is sent in JSON and XML among the other
// extension members, sorted by name; [Error.With] can still replace it on one error, and [FromResponse]
// reads it back as the extension member it is ([Error.Extensions]).
//
// The code is a member and an option of the type rather than a field of [TypeText], because it is the one
// thing about a type that no language changes, nor a new accessor, because Members and Extensions show it.
func (t ProblemType) WithCode(code string) ProblemType {
	d := *t.def()
	if !snakeCase(code) {
		panic("httperr: problem type " + strconv.Quote(d.uri) + ": code " + strconv.Quote(code) + " is not snake_case, [a-z][a-z0-9_]*")
	}
	m := Member{Name: codeMember, Schema: `{"type":"string","const":"` + code + `"}`, Example: code, Required: true}
	d.members = slices.Clone(d.members)
	if i := slices.IndexFunc(d.members, func(old Member) bool { return old.Name == codeMember }); i >= 0 {
		d.members[i] = m
	} else {
		d.members = append(d.members, m)
	}
	d.code = &extNode{member: member{codeMember, code}}
	return ProblemType{&d}
}

// snakeCase reports whether s matches [a-z][a-z0-9_]*.
func snakeCase(s string) bool {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return false
	}
	for i := 1; i < len(s); i++ {
		if c := s[i]; (c < 'a' || c > 'z') && (c < '0' || c > '9') && c != '_' {
			return false
		}
	}
	return true
}

// New returns an *Error of the type: its status, its URI as the type member, its title in the client's
// language when rendered, the given detail, and the type's code member if it has one ([ProblemType.WithCode]).
// Extension members are added with [Error.With] as usual.
func (t ProblemType) New(detail string) *Error {
	e := New(t.def().status, detail)
	if t.d != nil {
		x := e.copyExtras()
		x.typ, x.ptype = t.d.uri, t.d
		e.ext = t.d.code // a node never changed once linked, shared by every error of the type
	}
	return e
}

// Newf is [ProblemType.New] with a detail formatted as [Newf] formats it: %w wraps the cause.
func (t ProblemType) Newf(format string, args ...any) *Error {
	ne := Newf(t.def().status, format, args...)
	e := t.New(ne.detail)
	e.cause = ne.cause
	return e
}

// Matches reports whether err is a problem of type t: whether the *Error that [From] finds in err's chain
// has t's URI, whether it was built from t or decoded from a response (see package httperrclient).
func (t ProblemType) Matches(err error) bool {
	if err == nil || t.d == nil {
		return false
	}
	return From(err).Type() == t.d.uri
}

// String returns the type's URI and status, for logs and test failures.
func (t ProblemType) String() string {
	return fmt.Sprintf("%s (%d)", t.def().uri, t.def().status)
}

// ProblemType returns the declared type e was built from with [ProblemType.New], and whether there is one.
// [Error.WithType] with another URI unlinks the copy from its declared type.
func (e *Error) ProblemType() (ProblemType, bool) {
	if e == nil || e.extras().ptype == nil {
		return ProblemType{}, false
	}
	return ProblemType{e.extras().ptype}, true
}

// typeText returns the title and description that e's declared type gives in the language tag, each ""
// when the type has none there (the status catalog's is sent then).
func (e *Error) typeText(tag language.Tag) (title, description string) {
	d := e.extras().ptype
	if d == nil {
		return "", ""
	}
	text, _ := ProblemType{d}.text(tag)
	return text.Title, text.Description
}
