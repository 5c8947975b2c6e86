package httperr

import "sync"

// This file holds the HTTP status catalog: the English and French title and
// description of every status code registered in IANA's HTTP Status Code
// Registry (https://www.iana.org/assignments/http-status-codes), using the
// RFC 9110 names. Lookups index a fixed array, so they are O(1) and never
// allocate.

// Class is the class of an HTTP status code, given by its first digit (RFC 9110 section 15).
type Class int

const (
	Informational Class = 1 // 1xx
	Successful    Class = 2 // 2xx
	Redirection   Class = 3 // 3xx
	ClientError   Class = 4 // 4xx
	ServerError   Class = 5 // 5xx
)

// String returns the class name in English ("Client Error"), or "" for an
// unknown class. The class name is also the title of an unregistered code
// in that class.
func (c Class) String() string {
	if c < Informational || c > ServerError {
		return ""
	}
	return classCatalog[c].text[langEnglish].title
}

// ClassOf returns the class of code, given by its first digit. It returns 0
// for codes outside 100..599.
func ClassOf(code int) Class {
	if code < 100 || code > 599 {
		return 0
	}
	return Class(code / 100)
}

// registered reports whether code is in the catalog (IANA registry or seed).
func registered(code int) bool {
	return code >= 100 && code <= 599 && catalog[code].text[langEnglish].title != ""
}

// Title returns the English title for code, e.g. "Not Found" for 404.
// Unknown codes in a known class get the class title ("Client Error",
// "Server Error", "Informational", "Successful", "Redirection"); codes
// outside 100..599 get "".
func Title(code int) string {
	title, _ := catalogText(code, langEnglish)
	return title
}

// Description returns the English one-sentence description of code.
// Unknown codes in a known class get a class-level sentence; codes outside
// 100..599 get "".
func Description(code int) string {
	_, description := catalogText(code, langEnglish)
	return description
}

// language indexes used by the renderer: 0 English, 1 French.
const (
	langEnglish = 0
	langFrench  = 1
)

// catalogLangs is the number of catalog languages.
const catalogLangs = 2

// catalogText returns title and description of code in lang (langEnglish or
// langFrench), with the same class fallbacks as Title/Description (French
// class titles: "Information", "Succès", "Redirection", "Erreur du client",
// "Erreur du serveur"). Unknown languages fall back to English. Codes
// outside 100..599 get empty strings. It does not allocate.
func catalogText(code int, lang int) (title, description string) {
	if code < 100 || code > 599 {
		return "", ""
	}
	if lang < 0 || lang >= catalogLangs {
		lang = langEnglish
	}
	e := &catalog[code]
	if e.text[langEnglish].title == "" {
		e = &classCatalog[code/100]
	}
	t := &e.text[lang]
	return t.title, t.description
}

// Slug returns the lowercase hyphenated form of code's English title that [Renderer.TypeBase] ends the
// type URI of a plain status with: 404 "not-found", 413 "content-too-large", 418 "im-a-teapot"; a code the
// catalog lacks gets its class's ("client-error" for 499), a code outside 100..599 "". Documentation
// mounted at TypeBase uses it to serve each status at the type URI its problems carry.
func Slug(code int) string { return slug(code) }

// slug is [Slug]. The slugs are computed together on first use; then slug does not allocate.
func slug(code int) string {
	if code < 100 || code > 599 {
		return ""
	}
	slugsOnce.Do(buildCatalogSlugs)
	return catalogSlugs[code]
}

// entryText is a title and a one-sentence description in one language.
type entryText struct {
	title       string
	description string
}

// entry is one catalog row: the text of a status code in every language,
// indexed by langEnglish and langFrench.
type entry struct {
	text [catalogLangs]entryText
}

// catalogRow builds an entry from its English and French text.
func catalogRow(title, description, titleFR, descriptionFR string) entry {
	return entry{text: [catalogLangs]entryText{
		langEnglish: {title, description},
		langFrench:  {titleFR, descriptionFR},
	}}
}

// classCatalog holds the fallback text of each class, indexed by Class.
var classCatalog = [ServerError + 1]entry{
	Informational: catalogRow(
		"Informational", "The request was received and the process is continuing.",
		"Information", "La requête a été reçue et son traitement se poursuit."),
	Successful: catalogRow(
		"Successful", "The request was successfully received, understood, and accepted.",
		"Succès", "La requête a été reçue, comprise et acceptée avec succès."),
	Redirection: catalogRow(
		"Redirection", "Further action needs to be taken in order to complete the request.",
		"Redirection", "D'autres actions doivent être entreprises afin de compléter la requête."),
	ClientError: catalogRow(
		"Client Error", "The request contains bad syntax or cannot be fulfilled.",
		"Erreur du client", "La requête contient une syntaxe incorrecte ou ne peut pas être satisfaite."),
	ServerError: catalogRow(
		"Server Error", "The server failed to fulfill an apparently valid request.",
		"Erreur du serveur", "Le serveur n'a pas réussi à répondre à une requête apparemment valide."),
}

// catalog holds every registered status code, indexed by code. Unregistered
// codes have an empty entry. Titles follow the IANA registry (RFC 9110
// names), except 418, which uses net/http's "I'm a teapot", 306, registered
// as "(Unused)", and 510, registered as "Not Extended (OBSOLETED)".
var catalog = [600]entry{
	// 1xx: Informational.
	100: catalogRow("Continue",
		"The initial part of the request has been received and has not yet been rejected by the server, so the client may continue sending the request.",
		"Continuer",
		"Le serveur a reçu la première partie de la requête et ne l'a pas rejetée, le client peut donc poursuivre l'envoi de sa requête."),
	101: catalogRow("Switching Protocols",
		"The server understands the client's request to change protocols and is switching to the protocol indicated in the Upgrade header field.",
		"Changement de protocole",
		"Le serveur change de protocole, comme le client l'a demandé dans l'en-tête Upgrade."),
	102: catalogRow("Processing",
		"The server has accepted the request and is processing it, but no response is available yet.",
		"Traitement en cours",
		"Le serveur a accepté la requête et la traite, mais aucune réponse n'est encore disponible."),
	103: catalogRow("Early Hints",
		"The server is sending header fields that are likely to be included in the final response before that response is ready.",
		"Indications préliminaires",
		"Le serveur envoie des en-têtes susceptibles de figurer dans la réponse finale avant que celle-ci ne soit prête."),
	104: catalogRow("Upload Resumption Supported",
		"The server supports resumable uploads and has created an upload resource for the request.",
		"Reprise de téléversement prise en charge",
		"Le serveur prend en charge la reprise des téléversements et a créé une ressource de téléversement pour la requête."),

	// 2xx: Successful.
	200: catalogRow("OK",
		"The request has succeeded.",
		"OK",
		"La requête a réussi."),
	201: catalogRow("Created",
		"The request has been fulfilled and has resulted in one or more new resources being created.",
		"Créé",
		"La requête a abouti et une nouvelle ressource a été créée."),
	202: catalogRow("Accepted",
		"The request has been accepted for processing, but the processing has not been completed.",
		"Accepté",
		"La requête a été acceptée pour traitement, mais le traitement n'est pas terminé."),
	203: catalogRow("Non-Authoritative Information",
		"The request was successful, but the enclosed content has been modified from the origin server's response by a transforming proxy.",
		"Information non certifiée",
		"La requête a réussi, mais le contenu renvoyé provient d'un intermédiaire qui l'a modifié, et non directement du serveur d'origine."),
	204: catalogRow("No Content",
		"The server has successfully fulfilled the request and there is no additional content to send in the response.",
		"Aucun contenu",
		"La requête a réussi et la réponse comporte un code d'état et des en-têtes, mais aucun corps."),
	205: catalogRow("Reset Content",
		"The server has fulfilled the request and the client should reset the document view that caused the request to be sent.",
		"Réinitialiser le contenu",
		"La requête a réussi et le client doit réinitialiser le formulaire ou la vue qui a servi à l'envoyer."),
	206: catalogRow("Partial Content",
		"The server is successfully fulfilling a range request by transferring one or more parts of the selected representation.",
		"Contenu partiel",
		"Le serveur renvoie une partie des données, en réponse à une requête comportant un en-tête Range. La plage renvoyée est indiquée dans l'en-tête Content-Range."),
	207: catalogRow("Multi-Status",
		"The response conveys status information for multiple independent operations.",
		"Statuts multiples",
		"La réponse contient des informations d'état pour plusieurs opérations indépendantes."),
	208: catalogRow("Already Reported",
		"The members of a binding have already been enumerated in a preceding part of the response and are not included again.",
		"Déjà signalé",
		"Les membres de cette liaison ont déjà été énumérés dans une partie précédente de la réponse et ne sont pas répétés."),
	226: catalogRow("IM Used",
		"The server has fulfilled a GET request, and the response is a representation of the result of one or more instance-manipulations applied to the current instance.",
		"IM utilisé",
		"Le serveur a traité une requête GET, et la réponse représente le résultat d'une ou plusieurs manipulations appliquées à l'instance courante."),

	// 3xx: Redirection.
	300: catalogRow("Multiple Choices",
		"The target resource has more than one representation, and the client may select a preferred one.",
		"Choix multiples",
		"La ressource demandée possède plusieurs représentations, parmi lesquelles le client peut choisir."),
	301: catalogRow("Moved Permanently",
		"The target resource has been assigned a new permanent URI.",
		"Déplacé définitivement",
		"La ressource demandée a été déplacée définitivement vers une nouvelle URL."),
	302: catalogRow("Found",
		"The target resource resides temporarily under a different URI.",
		"Trouvé",
		"La ressource demandée a été déplacée temporairement vers une nouvelle URL."),
	303: catalogRow("See Other",
		"The server is redirecting the client to a different resource, indicated in the Location header field, that provides an indirect response to the request.",
		"Voir ailleurs",
		"La réponse à la requête peut être obtenue à une autre URL, indiquée dans l'en-tête Location."),
	304: catalogRow("Not Modified",
		"The target resource has not been modified since the version specified by the request's conditional header fields.",
		"Non modifié",
		"La ressource demandée n'a pas été modifiée depuis la version indiquée par les en-têtes If-Modified-Since ou If-None-Match de la requête."),
	305: catalogRow("Use Proxy",
		"The target resource must be accessed through a proxy, and this status code is deprecated.",
		"Utiliser un proxy",
		"La ressource demandée doit être accessible via le proxy indiqué dans l'en-tête Location. Ce code est obsolète."),
	306: catalogRow("Unused",
		"This status code was used in a previous version of the specification, is no longer used, and is reserved.",
		"Inutilisé",
		"Ce code était utilisé dans une version précédente de la spécification. Il n'est plus utilisé, mais il reste réservé."),
	307: catalogRow("Temporary Redirect",
		"The target resource resides temporarily under a different URI, and the request must be repeated there without changing the request method.",
		"Redirection temporaire",
		"La ressource demandée a été déplacée temporairement vers une nouvelle URL, où la requête doit être renvoyée avec la même méthode."),
	308: catalogRow("Permanent Redirect",
		"The target resource has been assigned a new permanent URI, and the request must be repeated there without changing the request method.",
		"Redirection permanente",
		"La ressource demandée a été déplacée définitivement vers une nouvelle URL, où la requête doit être renvoyée avec la même méthode."),

	// 4xx: Client Error.
	400: catalogRow("Bad Request",
		"The server cannot or will not process the request due to something that is perceived to be a client error.",
		"Requête incorrecte",
		"Le serveur n'a pas compris la requête, car elle est mal formée ou invalide."),
	401: catalogRow("Unauthorized",
		"The request lacks valid authentication credentials for the target resource.",
		"Non autorisé",
		"La ressource demandée nécessite une authentification valide."),
	402: catalogRow("Payment Required",
		"Payment is required to process the request.",
		"Paiement requis",
		"Un paiement est requis pour traiter la requête."),
	403: catalogRow("Forbidden",
		"The server understood the request but refuses to fulfill it.",
		"Interdit",
		"L'accès à la ressource demandée est interdit."),
	404: catalogRow("Not Found",
		"The server did not find a current representation for the target resource.",
		"Ressource introuvable",
		"Le serveur ne trouve pas la ressource demandée."),
	405: catalogRow("Method Not Allowed",
		"The method received in the request is not supported by the target resource.",
		"Méthode non autorisée",
		"La méthode spécifiée dans la requête n'est pas autorisée pour la ressource demandée."),
	406: catalogRow("Not Acceptable",
		"The target resource does not have a representation that would be acceptable to the client according to the content negotiation header fields of the request.",
		"Non acceptable",
		"Le serveur ne peut générer qu'une réponse qui n'est pas acceptée par le client."),
	407: catalogRow("Proxy Authentication Required",
		"The client needs to authenticate itself with a proxy before the request can be served.",
		"Authentification du proxy requise",
		"Le client doit s'authentifier auprès d'un serveur proxy avant que cette requête puisse être servie."),
	408: catalogRow("Request Timeout",
		"The server did not receive a complete request within the time that it was prepared to wait.",
		"Délai de requête dépassé",
		"La requête a pris plus de temps que le serveur n'était prêt à attendre."),
	409: catalogRow("Conflict",
		"The request could not be completed due to a conflict with the current state of the target resource.",
		"Conflit",
		"La requête n'a pas pu être traitée en raison d'un conflit avec l'état actuel de la ressource."),
	410: catalogRow("Gone",
		"The target resource is no longer available, and this condition is likely to be permanent.",
		"Ressource disparue",
		"La ressource demandée n'est plus disponible, et cette situation est probablement définitive."),
	411: catalogRow("Length Required",
		"The server refuses to accept the request without a defined Content-Length header field.",
		"Longueur requise",
		"L'en-tête Content-Length n'est pas défini. Le serveur n'acceptera pas la requête sans cette longueur."),
	412: catalogRow("Precondition Failed",
		"One or more conditions given in the request header fields evaluated to false when tested on the server.",
		"Précondition non remplie",
		"Une condition préalable indiquée dans la requête a été évaluée comme fausse par le serveur."),
	413: catalogRow("Content Too Large",
		"The server refuses to process the request because the request content is larger than the server is willing or able to process.",
		"Contenu trop volumineux",
		"Le serveur n'acceptera pas la requête, car son contenu est trop volumineux."),
	414: catalogRow("URI Too Long",
		"The server refuses to service the request because the target URI is longer than the server is willing to interpret.",
		"URI trop longue",
		"Le serveur n'acceptera pas la requête, car l'URI est trop longue."),
	415: catalogRow("Unsupported Media Type",
		"The server refuses to service the request because the content is in a format not supported by the target resource for this method.",
		"Type de média non pris en charge",
		"Le serveur n'acceptera pas la requête, car le type de média de son contenu n'est pas pris en charge."),
	416: catalogRow("Range Not Satisfiable",
		"None of the ranges in the Range header field of the request can be satisfied by the selected representation.",
		"Plage non satisfaisable",
		"La plage d'octets demandée n'est pas disponible, car elle est hors limites."),
	417: catalogRow("Expectation Failed",
		"The expectation given in the Expect header field of the request could not be met by the server.",
		"Attente non satisfaite",
		"L'attente indiquée dans l'en-tête Expect de la requête n'a pas pu être satisfaite par le serveur."),
	418: catalogRow("I'm a teapot",
		"The server refuses to brew coffee because it is, permanently, a teapot.",
		"Je suis une théière",
		"Le serveur refuse de préparer du café, car il est, définitivement, une théière."),
	421: catalogRow("Misdirected Request",
		"The request was directed at a server that is unable or unwilling to produce an authoritative response for the target URI.",
		"Requête mal dirigée",
		"La requête a été dirigée vers un serveur qui ne peut pas produire de réponse faisant autorité pour cette URI."),
	422: catalogRow("Unprocessable Content",
		"The server understands the content type of the request and the content is syntactically correct, but the server was unable to process the contained instructions.",
		"Contenu non traitable",
		"Le serveur comprend le type et la syntaxe du contenu de la requête, mais il n'a pas pu traiter les instructions qu'il contient."),
	423: catalogRow("Locked",
		"The source or destination resource of the method is locked.",
		"Verrouillé",
		"La ressource source ou de destination de la méthode est verrouillée."),
	424: catalogRow("Failed Dependency",
		"The method could not be performed on the resource because the requested action depended on another action that failed.",
		"Échec de dépendance",
		"La requête n'a pas pu être exécutée, car elle dépendait d'une autre action qui a échoué."),
	425: catalogRow("Too Early",
		"The server is unwilling to risk processing a request that might be replayed.",
		"Trop tôt",
		"Le serveur refuse de prendre le risque de traiter une requête susceptible d'être rejouée."),
	426: catalogRow("Upgrade Required",
		"The server refuses to perform the request using the current protocol but might be willing to do so after the client upgrades to a different protocol.",
		"Mise à niveau requise",
		"Le serveur refuse de traiter la requête avec le protocole actuel, mais pourrait le faire si le client passe à un autre protocole."),
	428: catalogRow("Precondition Required",
		"The origin server requires the request to be conditional.",
		"Précondition requise",
		"Le serveur d'origine exige que la requête soit conditionnelle."),
	429: catalogRow("Too Many Requests",
		"The client has sent too many requests in a given amount of time.",
		"Trop de requêtes",
		"Le client a envoyé trop de requêtes en un laps de temps donné."),
	431: catalogRow("Request Header Fields Too Large",
		"The server is unwilling to process the request because its header fields are too large.",
		"Champs d'en-tête de requête trop volumineux",
		"Le serveur refuse de traiter la requête, car ses champs d'en-tête sont trop volumineux."),
	451: catalogRow("Unavailable For Legal Reasons",
		"The server is denying access to the target resource as a consequence of a legal demand.",
		"Indisponible pour raisons juridiques",
		"Le serveur refuse l'accès à la ressource demandée en raison d'une obligation légale."),

	// 5xx: Server Error.
	500: catalogRow("Internal Server Error",
		"The server encountered an unexpected condition that prevented it from fulfilling the request.",
		"Erreur interne du serveur",
		"La requête n'a pas abouti, car le serveur a rencontré une situation inattendue."),
	501: catalogRow("Not Implemented",
		"The server does not support the functionality required to fulfill the request.",
		"Non implémenté",
		"La requête n'a pas abouti, car le serveur ne prend pas en charge la fonctionnalité requise."),
	502: catalogRow("Bad Gateway",
		"The server, while acting as a gateway or proxy, received an invalid response from an inbound server it accessed while attempting to fulfill the request.",
		"Passerelle incorrecte",
		"La requête n'a pas abouti, car le serveur, agissant comme passerelle ou proxy, a reçu une réponse invalide du serveur en amont."),
	503: catalogRow("Service Unavailable",
		"The server is currently unable to handle the request due to a temporary overload or scheduled maintenance.",
		"Service indisponible",
		"La requête n'a pas abouti, car le serveur est temporairement surchargé ou hors service."),
	504: catalogRow("Gateway Timeout",
		"The server, while acting as a gateway or proxy, did not receive a timely response from an upstream server it needed to access in order to complete the request.",
		"Délai de la passerelle dépassé",
		"Le serveur, agissant comme passerelle ou proxy, n'a pas reçu à temps la réponse du serveur en amont."),
	505: catalogRow("HTTP Version Not Supported",
		"The server does not support, or refuses to support, the major version of HTTP that was used in the request.",
		"Version HTTP non prise en charge",
		"Le serveur ne prend pas en charge la version du protocole HTTP utilisée dans la requête."),
	506: catalogRow("Variant Also Negotiates",
		"The server has an internal configuration error because the chosen variant resource is itself configured to engage in content negotiation.",
		"La variante négocie aussi",
		"Le serveur présente une erreur de configuration interne, car la variante choisie est elle-même configurée pour négocier le contenu."),
	507: catalogRow("Insufficient Storage",
		"The server is unable to store the representation needed to successfully complete the request.",
		"Espace de stockage insuffisant",
		"Le serveur ne peut pas stocker la représentation nécessaire pour mener à bien la requête."),
	508: catalogRow("Loop Detected",
		"The server terminated an operation because it encountered an infinite loop while processing the request.",
		"Boucle détectée",
		"Le serveur a interrompu l'opération, car il a détecté une boucle infinie en traitant la requête."),
	510: catalogRow("Not Extended",
		"The policy for accessing the resource has not been met in the request.",
		"Non étendu",
		"La requête ne respecte pas la politique d'accès à la ressource."),
	511: catalogRow("Network Authentication Required",
		"The client needs to authenticate to gain network access.",
		"Authentification réseau requise",
		"Le client doit s'authentifier pour obtenir l'accès au réseau."),
}

// catalogSlugs holds the slug of every code in 100..599, indexed by code. It is
// built on first use, not at package initialization, which every importer
// would pay for (500 allocations), client-only users included.
var (
	slugsOnce    sync.Once
	catalogSlugs [600]string
)

// buildCatalogSlugs computes the slug of every code in 100..599.
func buildCatalogSlugs() {
	for code := 100; code <= 599; code++ {
		title, _ := catalogText(code, langEnglish)
		catalogSlugs[code] = slugifyTitle(title)
	}
}

// slugifyTitle lowercases title, drops every character other than ASCII letters,
// digits, spaces and hyphens, and joins the remaining words with single
// hyphens: "I'm a teapot" -> "im-a-teapot".
func slugifyTitle(title string) string {
	b := make([]byte, 0, len(title))
	sep := false
	for i := 0; i < len(title); i++ {
		c := title[i]
		switch {
		case 'A' <= c && c <= 'Z':
			c += 'a' - 'A'
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
		case c == ' ' || c == '-':
			sep = len(b) > 0
			continue
		default:
			continue
		}
		if sep {
			b = append(b, '-')
			sep = false
		}
		b = append(b, c)
	}
	return string(b)
}
