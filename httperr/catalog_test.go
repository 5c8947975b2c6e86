package httperr

import (
	"strconv"
	"testing"
)

func TestClassOf(t *testing.T) {
	tests := []struct {
		code int
		want Class
	}{
		{100, Informational},
		{199, Informational},
		{200, Successful},
		{308, Redirection},
		{404, ClientError},
		{499, ClientError},
		{500, ServerError},
		{599, ServerError},
		{600, 0},
		{99, 0},
		{0, 0},
		{-1, 0},
	}
	for _, tt := range tests {
		t.Run(strconv.Itoa(tt.code), func(t *testing.T) {
			if got := ClassOf(tt.code); got != tt.want {
				t.Errorf("ClassOf(%d) = %d; want %d", tt.code, got, tt.want)
			}
		})
	}
}

func TestClassString(t *testing.T) {
	tests := []struct {
		class Class
		want  string
	}{
		{Informational, "Informational"},
		{Successful, "Successful"},
		{Redirection, "Redirection"},
		{ClientError, "Client Error"},
		{ServerError, "Server Error"},
		{0, ""},
		{6, ""},
		{-1, ""},
	}
	for _, tt := range tests {
		t.Run(strconv.Itoa(int(tt.class)), func(t *testing.T) {
			if got := tt.class.String(); got != tt.want {
				t.Errorf("Class(%d).String() = %q; want %q", int(tt.class), got, tt.want)
			}
		})
	}
}
