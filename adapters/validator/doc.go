// Package httperrvalidator turns the errors of github.com/go-playground/validator/v10 into 422 problems:
// one [httperr.Violation] per failed field, pointing at the JSON member the field decodes from, with the
// failed tag as its code and a short sentence for it in the problem's language (English and French built in).
//
// The gin, echo, echo v5 and fiber adapters use it without configuration. A net/http service sets it as the
// Renderer's Map:
//
//	v := validator.New()
//	v.RegisterTagNameFunc(httperrvalidator.FieldName) // violations point at #/email, not #/Email
//	rd := &httperr.Renderer{Map: httperrvalidator.Map}
//
// and returns the validator's error as it is: return v.Struct(in). A service that imports only net/http and
// the core compiles no validator: only this package imports it.
package httperrvalidator
