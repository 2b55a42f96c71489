package messages

import "github.com/dpcoop/dpcoop/internal/dpcoop"

// Buddying, and the notices a person hears about it.
func init() {
	add(map[string]text{
		dpcoop.CodePairingState:   {"Does dim modd newid y paru hwn bellach: mae wedi'i wrthod neu wedi dod i ben.", "This pairing can no longer be changed: it was declined or has ended."},
		dpcoop.CodeNoBuddyRequest: {"Dim ond aelodau sydd wedi gofyn am gyfaill, ac sy'n aros, y gellir eu paru.", "Only members who asked for a buddy, and are waiting, can be paired."},
		dpcoop.CodeAlreadyBuddied: {"Mae paru gyda chyfaill eisoes yn aros am ateb neu ar waith.", "A buddy pairing is already waiting for an answer or active."},

		"field." + dpcoop.FieldSameMember:     {"Dewiswch ddau aelod gwahanol.", "Choose two different members."},
		"field." + dpcoop.FieldContactMissing: {"Does dim rhif ffôn nac e-bost ar eich cofnod ar gyfer hyn. Dewiswch ffordd arall, neu ychwanegwch un at eich manylion.", "Your record has no phone number or email for this. Choose another way, or add one to your details."},

		"notice.buddy_proposed.subject": {"Rydyn ni wedi dod o hyd i gyfaill i chi", "We have found you a buddy"},
		"notice.buddy_proposed.body":    {"Gofynnoch chi am gyfaill. Mae'r cwmni cydweithredol wedi dod o hyd i aelod a allai fod yn gyfaill i chi.\n\nMewngofnodwch i dpcoop i weld ei enw cyntaf. Yna dywedwch ie neu na.", "You asked for a buddy. The co-op has found a member who could be your buddy.\n\nSign in to dpcoop to see their first name. Then say yes or no."},
		"notice.buddy_active.subject":   {"Mae gennych chi gyfaill nawr", "You have a buddy now"},
		"notice.buddy_active.body":      {"Mae'r ddau ohonoch chi wedi dweud ie.\n\nMewngofnodwch i dpcoop i weld sut i gysylltu â'ch cyfaill.", "You both said yes.\n\nSign in to dpcoop to see how to contact your buddy."},
		"notice.buddy_declined.subject": {"Fydd y paru gyda chyfaill ddim yn digwydd", "The buddy pairing will not go ahead"},
		"notice.buddy_declined.body":    {"Dywedodd yr aelod arall na. Mae eich cais am gyfaill yn dal i aros. Bydd y cwmni cydweithredol yn chwilio eto.", "The other member said no. Your request for a buddy is still waiting. The co-op will look again."},
		"notice.buddy_ended.subject":    {"Mae eich paru gyda chyfaill wedi dod i ben", "Your buddy pairing has ended"},
		"notice.buddy_closed.subject":   {"Mae eich paru gyda chyfaill wedi dod i ben", "Your buddy pairing has ended"},
		"notice.buddy_closed.body":      {"Mae eich paru gyda chyfaill wedi dod i ben. Gallwch chi ofyn am gyfaill newydd ar dpcoop unrhyw bryd.", "Your buddy pairing has ended. You can ask for a new buddy on dpcoop at any time."},
		"notice.buddy_ended.body":       {"Mae eich cyfaill wedi dod â'r paru i ben. Gallwch chi ofyn am gyfaill newydd ar dpcoop unrhyw bryd.", "Your buddy has ended the pairing. You can ask for a new buddy on dpcoop at any time."},
	})
}
