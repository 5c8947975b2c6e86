package ratelimit

import (
	"sync"

	"golang.org/x/text/language"

	"github.com/httperr/toolkit/httperr"
)

// This file holds the problem types registered in IANA's HTTP Problem Types registry
// (https://www.iana.org/assignments/http-problem-types) by the RateLimit header fields draft
// (draft-ietf-httpapi-ratelimit-headers, revision -12 of 2026-11-20, section "Problem Types"). They are
// functions, not variables, so that no importer can replace them: each call returns the same immutable
// value, built on first use.

// ViolatedPolicies is the name of the extension member that the RateLimit types add: the names of the
// quota policies the request violated, as an array of strings, each the Name of a [Policy] that the
// RateLimit-Policy field lists. The draft's types want at least one name:
//
//	ratelimit.QuotaExceeded().New("").With(ratelimit.ViolatedPolicies, []string{"daily"})
const ViolatedPolicies = "violated-policies"

// types holds the three types, built on first use rather than at package initialization, which every
// importer would pay for.
var types = sync.OnceValue(func() (t struct{ quota, reducedCapacity, abnormalUsage httperr.ProblemType }) {
	member := httperr.Member{
		Name:    ViolatedPolicies,
		Schema:  `{"type":"array","items":{"type":"string"},"minItems":1}`,
		Example: []string{"daily"},
	}
	enMembers := map[string]string{ViolatedPolicies: "The names of the quota policies the request violated, as listed by the RateLimit-Policy field."}
	frMembers := map[string]string{ViolatedPolicies: "Les noms des politiques de quota que la requête a enfreintes, tels que le champ RateLimit-Policy les liste."}
	def := func(fragment string, status int, en, enDesc, fr, frDesc string) httperr.ProblemType {
		return httperr.NewProblemType("https://iana.org/assignments/http-problem-types#"+fragment, status,
			httperr.TypeText{Tag: language.English, Title: en, Description: enDesc, Members: enMembers},
			httperr.TypeText{Tag: language.French, Title: fr, Description: frDesc, Members: frMembers},
		).WithMembers(member)
	}
	t.quota = def("quota-exceeded", 429,
		"Request cannot be satisfied as assigned quota has been exceeded",
		"The client exceeded a quota that the server assigned to it; the RateLimit and RateLimit-Policy fields say which, and when it resets.",
		"La requête ne peut être satisfaite car le quota attribué est dépassé",
		"Le client a dépassé un quota que le serveur lui a attribué ; les champs RateLimit et RateLimit-Policy disent lequel, et quand il sera rétabli.")
	t.reducedCapacity = def("temporary-reduced-capacity", 503,
		"Request cannot be satisfied due to temporary server capacity constraints",
		"The server has temporarily reduced the quota it serves, for all clients or for some; the client should retry later, as Retry-After says.",
		"La requête ne peut être satisfaite en raison d'une réduction temporaire de la capacité du serveur",
		"Le serveur a réduit temporairement le quota qu'il sert, pour tous les clients ou pour certains ; le client devrait réessayer plus tard, comme le dit Retry-After.")
	t.abnormalUsage = def("abnormal-usage-detected", 429,
		"Request not satisfied due to detection of abnormal request pattern",
		"The server found the client's requests abnormal (too many in too short a time, say) and refuses them for a while, whatever quota remains.",
		"Requête non satisfaite en raison de la détection d'un usage anormal",
		"Le serveur a jugé anormales les requêtes du client (trop nombreuses en trop peu de temps, par exemple) et les refuse pour un temps, quel que soit le quota restant.")
	return t
})

// QuotaExceeded returns the problem type https://iana.org/assignments/http-problem-types#quota-exceeded
// (draft-ietf-httpapi-ratelimit-headers, text of -10: -12 could not be read in full here): 429, the client
// exceeded a quota the server assigned to it. Its problems carry the [ViolatedPolicies] member and, as the
// draft recommends, the RateLimit and RateLimit-Policy header fields ([Format], [FormatPolicy]).
func QuotaExceeded() httperr.ProblemType { return types().quota }

// TemporaryReducedCapacity returns the problem type
// https://iana.org/assignments/http-problem-types#temporary-reduced-capacity
// (draft-ietf-httpapi-ratelimit-headers, text of -10: -12 could not be read in full here): 503, the server
// temporarily serves a reduced quota. Its problems carry the [ViolatedPolicies] member, and Retry-After as
// [httperr.ServiceUnavailable] sets it (RFC 9110 section 10.2.3).
func TemporaryReducedCapacity() httperr.ProblemType { return types().reducedCapacity }

// AbnormalUsageDetected returns the problem type
// https://iana.org/assignments/http-problem-types#abnormal-usage-detected
// (draft-ietf-httpapi-ratelimit-headers, text of -10: -12 could not be read in full here): 429, the server
// found the client's request pattern abnormal. Its problems carry the [ViolatedPolicies] member.
func AbnormalUsageDetected() httperr.ProblemType { return types().abnormalUsage }

// Violated returns the names in e's [ViolatedPolicies] member, set with [httperr.Error.With] or decoded by
// [github.com/httperr/toolkit/httperrclient.FromResponse], in a new slice; nil when e is nil, has no such
// member, or it is not an array of strings.
func Violated(e *httperr.Error) []string {
	if e == nil {
		return nil
	}
	v, _ := e.Extension(ViolatedPolicies)
	switch x := v.(type) {
	case []string:
		return append([]string{}, x...)
	case []any:
		names := make([]string, len(x))
		for i, n := range x {
			s, ok := n.(string)
			if !ok {
				return nil
			}
			names[i] = s
		}
		return names
	}
	return nil
}
