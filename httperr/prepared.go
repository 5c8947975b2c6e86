package httperr

import (
	"sync"
	"sync/atomic"
)

// prepared is a short list of values prepared once and found again by comparing their keys, so that a
// Renderer needs no field to hold them and stays a plain value that can be copied: the sets of custom
// Languages (language_cache.go) and the document heads of TypeBases (jsonhead.go). Readers take the list
// without a lock; a value is added under the lock, to a copy of the list.
type prepared[T any] struct {
	mu   sync.Mutex // held to add a value
	list atomic.Pointer[[]T]
	next int // the index of the value to replace when the list is full
}

// find returns the value of the list that match accepts, else the one build prepares, added to the list.
// When the list holds max values, build's replaces the oldest if replace is set; otherwise nothing is
// built or added, and find returns the zero T.
func (p *prepared[T]) find(match func(T) bool, build func() T, max int, replace bool) T {
	var zero T
	if list := p.list.Load(); list != nil {
		for _, v := range *list {
			if match(v) {
				return v
			}
		}
		if !replace && len(*list) >= max {
			return zero
		}
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	var list []T
	if l := p.list.Load(); l != nil {
		list = *l
	}
	for _, v := range list { // another goroutine may have added it meanwhile
		if match(v) {
			return v
		}
	}
	if !replace && len(list) >= max {
		return zero
	}
	v := build()
	list = append([]T(nil), list...) // copied: readers hold the old list
	if len(list) < max {
		list = append(list, v)
	} else {
		list[p.next] = v
		p.next = (p.next + 1) % max
	}
	p.list.Store(&list)
	return v
}
