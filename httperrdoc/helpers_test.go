package httperrdoc_test

import (
	"github.com/httperr/toolkit/httperr"
	"github.com/httperr/toolkit/internal/testkit"
)

// outOfCredit is RFC 9457 section 3's example type, declared in English and French.
var outOfCredit = testkit.OutOfCredit()

// clientCases are problems of every shape the Renderer sends, as httperr's own client tests render them:
// testkit.Problems, its validation problem with a code among a violation's extensions.
func clientCases() []testkit.Case {
	return testkit.Problems(httperr.Validation(
		httperr.Violation{Pointer: "#/name", Detail: "must not be empty"},
		httperr.Violation{Pointer: "#/age", Detail: "must be between 0 and 150",
			Extensions: map[string]any{"minimum": 0, "maximum": 150, "code": "range"}},
	))
}
