package httperrclient

import (
	"bytes"
	"encoding/json"
	"io"
	"reflect"
	"strconv"
	"testing"
)

// decodeJSONReference is what decodeJSONProblem gives, written with json.Decoder.
func decodeJSONReference(data []byte, useNumber bool) map[string]any {
	dec := json.NewDecoder(bytes.NewReader(bytes.TrimPrefix(data, []byte(utf8BOM))))
	dec.UseNumber()
	var members map[string]any
	if err := dec.Decode(&members); err != nil || members == nil {
		return nil
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil
	}
	if !useNumber {
		for k, v := range members {
			members[k] = referenceFloats(v)
		}
	}
	return members
}

// referenceFloats returns v with its json.Number values turned into float64, those float64 cannot hold
// excepted.
func referenceFloats(v any) any {
	switch x := v.(type) {
	case json.Number:
		if f, err := strconv.ParseFloat(string(x), 64); err == nil {
			return f
		}
	case []any:
		for i := range x {
			x[i] = referenceFloats(x[i])
		}
	case map[string]any:
		for k := range x {
			x[k] = referenceFloats(x[k])
		}
	}
	return v
}

var jsonDecodeCases = []string{
	`{}`, ` {"a":1} `, "\xef\xbb\xbf{\"a\":1}", `{"a":1}{}`, `{"a":1} x`, `null`, `[]`, `"s"`, `1`, `true`, ``, `{`,
	`{"type":"t","title":"T","status":400,"detail":"d","instance":"/i"}`,
	`{"a":[],"b":{},"c":[1,"x",true,false,null,{"d":[[]]}],"e":-1.5e-3,"f":1e400,"g":12345678901234567890}`,
	`{"a":1,"a":{"b":2},"a":[3]}`, `{"":0, "" : 1}`, "{\"a\"\t:\r\n[ 1 , 2 ]\n}",
	`{"esc":"\" \\ \/ \b \f \n \r \t \u00e9 \ud83d\ude00 \ud800 \udc00x"}`,
	"{\"utf8\":\"é😀\",\"bad\":\"\xff\xfe\",\"k\xff\":1}", `{"\u0000":"\u0000"}`,
	`{"n":-0,"m":0.0,"o":1E+2,"p":1e-400}`,
}

// TestDecodeJSONAsDecoder checks that decodeJSONProblem decodes as json.Decoder with UseNumber does.
func TestDecodeJSONAsDecoder(t *testing.T) {
	for _, doc := range jsonDecodeCases {
		for _, useNumber := range []bool{false, true} {
			got, want := decodeJSONProblem([]byte(doc), useNumber), decodeJSONReference([]byte(doc), useNumber)
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%q (UseNumber %v):\ngot  %#v\nwant %#v", doc, useNumber, got, want)
			}
		}
	}
}

// FuzzDecodeJSON compares decodeJSONProblem with json.Decoder on any input.
func FuzzDecodeJSON(f *testing.F) {
	for _, doc := range jsonDecodeCases {
		f.Add([]byte(doc), false)
	}
	f.Fuzz(func(t *testing.T, data []byte, useNumber bool) {
		got, want := decodeJSONProblem(data, useNumber), decodeJSONReference(data, useNumber)
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("%q (UseNumber %v):\ngot  %#v\nwant %#v", data, useNumber, got, want)
		}
	})
}
