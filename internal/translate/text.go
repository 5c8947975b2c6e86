package translate

import "strings"

// IsErrorText reports whether s is the text of a validator.ValidationErrors, what its Error method returns:
// one line per field, each exactly as validator writes it ("Key: 'User.Name' Error:Field validation for
// 'Name' failed on the 'required' tag"). echo's documentation builds its validator's error as
// echo.NewHTTPError(http.StatusBadRequest, err.Error()): the rule then sends the status without that text,
// whose Go struct names are not meant for clients (the field errors themselves are lost by then; return the
// validator's error as it is, or wrap it in the HTTPError, to get the 422 with violations).
func IsErrorText(s string) bool {
	if s == "" {
		return false
	}
	for line := range strings.SplitSeq(s, "\n") {
		rest, ok := strings.CutPrefix(line, "Key: '")
		if !ok {
			return false
		}
		_, rest, ok = strings.Cut(rest, "' Error:Field validation for '")
		if !ok {
			return false
		}
		_, rest, ok = strings.Cut(rest, "' failed on the '")
		if !ok || !strings.HasSuffix(rest, "' tag") {
			return false
		}
	}
	return true
}
