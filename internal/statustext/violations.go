package statustext

// violationTexts holds the built-in text of a key in each built-in language, indexed by English and
// French.
type violationTexts [Langs]string

// Violation returns the built-in text of key, for go-playground/validator's common tags (see
// httperr.Catalog's Violations), in language lang. A switch rather than a map: no cost at package initialization.
// The English texts are those of httperrvalidator.Map's details.
func Violation(key string, lang int) (string, bool) {
	var t violationTexts
	switch key {
	case "required":
		t = violationTexts{"is required", "est obligatoire"}
	case "email":
		t = violationTexts{"must be an email address", "doit être une adresse e-mail"}
	case "url":
		t = violationTexts{"must be a URL", "doit être une URL"}
	case "uuid":
		t = violationTexts{"must be a UUID", "doit être un UUID"}
	case "numeric":
		t = violationTexts{"must be numeric", "doit être numérique"}
	case "alpha":
		t = violationTexts{"must contain only letters", "ne doit contenir que des lettres"}
	case "alphanum":
		t = violationTexts{"must contain only letters and digits", "ne doit contenir que des lettres et des chiffres"}
	case "oneof":
		t = violationTexts{"must be one of {param}", "doit être l'une des valeurs {param}"}
	case "min", "gte":
		t = violationTexts{"must be at least {param}", "doit valoir au moins {param}"}
	case "min.string", "gte.string":
		t = violationTexts{"must be at least {param} characters long", "doit contenir au moins {param} caractères"}
	case "min.string.one", "gte.string.one":
		t = violationTexts{"must be at least {param} character long", "doit contenir au moins {param} caractère"}
	case "min.items", "gte.items":
		t = violationTexts{"must have at least {param} items", "doit contenir au moins {param} éléments"}
	case "min.items.one", "gte.items.one":
		t = violationTexts{"must have at least {param} item", "doit contenir au moins {param} élément"}
	case "max", "lte":
		t = violationTexts{"must be at most {param}", "doit valoir au plus {param}"}
	case "max.string", "lte.string":
		t = violationTexts{"must be at most {param} characters long", "doit contenir au plus {param} caractères"}
	case "max.string.one", "lte.string.one":
		t = violationTexts{"must be at most {param} character long", "doit contenir au plus {param} caractère"}
	case "max.items", "lte.items":
		t = violationTexts{"must have at most {param} items", "doit contenir au plus {param} éléments"}
	case "max.items.one", "lte.items.one":
		t = violationTexts{"must have at most {param} item", "doit contenir au plus {param} élément"}
	case "len":
		t = violationTexts{"must be {param}", "doit valoir {param}"}
	case "len.string":
		t = violationTexts{"must be exactly {param} characters long", "doit contenir exactement {param} caractères"}
	case "len.string.one":
		t = violationTexts{"must be exactly {param} character long", "doit contenir exactement {param} caractère"}
	case "len.items":
		t = violationTexts{"must have exactly {param} items", "doit contenir exactement {param} éléments"}
	case "len.items.one":
		t = violationTexts{"must have exactly {param} item", "doit contenir exactement {param} élément"}
	case "gt":
		t = violationTexts{"must be greater than {param}", "doit valoir plus de {param}"}
	case "gt.string":
		t = violationTexts{"must be more than {param} characters long", "doit contenir plus de {param} caractères"}
	case "gt.string.one":
		t = violationTexts{"must be more than {param} character long", "doit contenir plus de {param} caractère"}
	case "gt.items":
		t = violationTexts{"must have more than {param} items", "doit contenir plus de {param} éléments"}
	case "gt.items.one":
		t = violationTexts{"must have more than {param} item", "doit contenir plus de {param} élément"}
	case "lt":
		t = violationTexts{"must be less than {param}", "doit valoir moins de {param}"}
	case "lt.string":
		t = violationTexts{"must be less than {param} characters long", "doit contenir moins de {param} caractères"}
	case "lt.string.one":
		t = violationTexts{"must be less than {param} character long", "doit contenir moins de {param} caractère"}
	case "lt.items":
		t = violationTexts{"must have fewer than {param} items", "doit contenir moins de {param} éléments"}
	case "lt.items.one":
		t = violationTexts{"must have fewer than {param} item", "doit contenir moins de {param} élément"}
	case "invalid":
		t = violationTexts{"is invalid ({code})", "est invalide ({code})"}
	default:
		return "", false
	}
	return t[lang], true
}
