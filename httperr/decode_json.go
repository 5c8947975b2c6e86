package httperr

import (
	"bytes"
	"encoding/json"
	"io"
	"strconv"
)

// Decoding of an application/problem+json body (RFC 9457 section 3) into its members, for FromResponse.

// countJSONValues returns at least the number of values in the JSON text data, strings apart: the commas,
// colons and brackets outside strings, plus one.
func countJSONValues(data []byte) int {
	n, inString := 1, false
	for i := 0; i < len(data); i++ {
		switch c := data[i]; {
		case inString:
			if c == '\\' {
				i++
			} else if c == '"' {
				inString = false
			}
		case c == '"':
			inString = true
		case c == ',' || c == ':' || c == '[' || c == '{':
			n++
		}
	}
	return n
}

// decodeJSONProblem returns the members of a problem+json document, or nil when data is not one JSON object.
func decodeJSONProblem(data []byte, useNumber bool) map[string]any {
	dec := json.NewDecoder(bytes.NewReader(bytes.TrimPrefix(data, []byte(utf8BOM))))
	dec.UseNumber()
	var members map[string]any
	if err := dec.Decode(&members); err != nil || members == nil {
		return nil
	}
	if _, err := dec.Token(); err != io.EOF { // trailing data
		return nil
	}
	if !useNumber {
		for k, v := range members {
			members[k] = floatNumbers(v)
		}
	}
	return members
}

// floatNumbers returns v with its json.Number values turned into float64, those float64 cannot hold excepted.
func floatNumbers(v any) any {
	switch x := v.(type) {
	case json.Number:
		if f, err := strconv.ParseFloat(string(x), 64); err == nil {
			return f
		}
	case []any:
		for i := range x {
			x[i] = floatNumbers(x[i])
		}
	case map[string]any:
		for k := range x {
			x[k] = floatNumbers(x[k])
		}
	}
	return v
}
