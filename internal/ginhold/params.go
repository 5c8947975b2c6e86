package ginhold

import (
	"iter"

	"github.com/gin-gonic/gin"
)

// Params yields gin's path parameters as name, value, for internal/location.
func Params(ps gin.Params) iter.Seq2[string, string] {
	return func(yield func(string, string) bool) {
		for _, p := range ps {
			if !yield(p.Key, p.Value) {
				return
			}
		}
	}
}
