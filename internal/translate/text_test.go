package translate

import (
	"testing"

	"github.com/go-playground/validator/v10"
)

func TestIsErrorText(t *testing.T) {
	v := validator.New()
	real := v.Struct(struct {
		Name  string `validate:"required"`
		Email string `validate:"email"`
	}{Email: "x"})
	for _, tt := range []struct {
		name string
		s    string
		want bool
	}{
		{"validator's own text, two fields", real.Error(), true},
		{"one field", v.Var("", "required").Error(), true},
		{"the application's message", "user not found", false},
		{"empty", "", false},
		{"a line of validator's text among others", real.Error() + "\nsomething else", false},
		{"almost", "Key: 'User.Name' Error:Field validation for 'Name' failed", false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := IsErrorText(tt.s); got != tt.want {
				t.Errorf("IsErrorText(%q) = %v, want %v", tt.s, got, tt.want)
			}
		})
	}
}
