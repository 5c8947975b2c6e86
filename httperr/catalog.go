package httperr

import "github.com/httperr/toolkit/internal/statustext"

// This file holds the HTTP status catalog: the English and French title and
// description of every status code registered in IANA's HTTP Status Code
// Registry (https://www.iana.org/assignments/http-status-codes), using the
// RFC 9110 names. Lookups index a fixed array, so they are O(1) and never
// allocate.

// Class is the class of an HTTP status code, given by its first digit (RFC 9110 section 15).
type Class int

const (
	Informational Class = 1 // 1xx
	Successful    Class = 2 // 2xx
	Redirection   Class = 3 // 3xx
	ClientError   Class = 4 // 4xx
	ServerError   Class = 5 // 5xx
)

// String returns the class name in English ("Client Error"), or "" for an
// unknown class. The class name is also the title of an unregistered code
// in that class.
func (c Class) String() string {
	if c < Informational || c > ServerError {
		return ""
	}
	title, _ := statustext.ClassText(int(c), statustext.English)
	return title
}

// ClassOf returns the class of code, given by its first digit. It returns 0
// for codes outside 100..599.
func ClassOf(code int) Class {
	if code < 100 || code > 599 {
		return 0
	}
	return Class(code / 100)
}

// The built-in languages, as the catalog's lookups index them.
const (
	langEnglish  = statustext.English
	langFrench   = statustext.French
	catalogLangs = statustext.Langs
)
