package negotiate

import (
	"testing"

	"golang.org/x/text/language"
)

func TestQuality(t *testing.T) {
	tests := []struct {
		params string
		want   int
		ok     bool
	}{
		{"", 1000, true},
		{"charset=utf-8", 1000, true},
		{"q=0", 0, true},
		{"q=0.5", 500, true},
		{"q=0.05", 50, true},
		{"q=0.005", 5, true},
		{"q=0.123", 123, true},
		{"q=1", 1000, true},
		{"q=1.0", 1000, true},
		{"q=1.00", 1000, true},
		{"q=1.000", 1000, true},
		{" Q = 0.7 ", 700, true},
		{"level=1;q=0.3", 300, true},
		{"q=2", 0, false},
		{"q=abc", 0, false},
		{"q=0.1234", 0, false},
		{"q=1.1", 0, false},
		{"q=", 0, false},
		{"q=0,5", 0, false},
		{"q=0.5x", 0, false},
		{"q=0. 5", 0, false},
		{"q=0.+5", 0, false},
	}
	for _, tt := range tests {
		got, ok := Quality(tt.params)
		if got != tt.want || ok != tt.ok {
			t.Errorf("Quality(%q) = %d, %v; want %d, %v", tt.params, got, ok, tt.want, tt.ok)
		}
	}
}

func TestPick(t *testing.T) {
	type text struct {
		tag  language.Tag
		name string
	}
	texts := []text{{language.English, "en"}, {language.French, "fr"}, {language.MustParse("fr-CA"), "fr-CA"}}
	tagOf := func(x text) language.Tag { return x.tag }
	for _, tc := range []struct {
		want language.Tag
		name string
	}{
		{language.English, "en"},
		{language.French, "fr"},
		{language.MustParse("fr-CA"), "fr-CA"},
		{language.MustParse("fr-BE"), "fr"}, // the first of its base language
		{language.MustParse("en-GB"), "en"},
		{language.German, "en"}, // the default
	} {
		if got, ok := Pick(texts, tc.want, tagOf); !ok || got.name != tc.name {
			t.Errorf("Pick(%s) = %q, %v; want %q", tc.want, got.name, ok, tc.name)
		}
	}
	if got, ok := Pick(nil, language.English, tagOf); ok || got != (text{}) {
		t.Errorf("Pick of none = %v, %v", got, ok)
	}
}
