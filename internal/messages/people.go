package messages

import "github.com/dpcoop/dpcoop/internal/dpcoop"

// People and access: who can sign in to the co-op.
func init() {
	add(map[string]text{
		dpcoop.CodeLastAdmin:     {"Rhaid i'r cwmni cydweithredol gadw o leiaf un gweinyddwr. Gwahoddwch weinyddwr arall yn gyntaf.", "The co-op must keep at least one admin. Invite another admin first."},
		dpcoop.CodePersonLeft:    {"Daeth aelodaeth y person hwn i ben, neu gadawodd ei swydd, felly allwch chi ddim rhoi ei fynediad yn ôl yma. Gall aelod wneud cais eto, a gellir cyflogi cynorthwyydd personol eto.", "This person's membership ended or they left their job, so you cannot give their access back here. A member can apply again, and a PA can be hired again."},
		dpcoop.CodeAccessRevoked: {"Mae mynediad y person hwn wedi'i dynnu'n ôl. Allwch chi ddim rhoi rôl iddyn nhw eto.", "This person's access was revoked. You cannot give them a role again."},

		"field." + dpcoop.FieldRoleNotGranted: {"Dim ond rôl gweinyddwr y gallwch ei rhoi. Mae aelodau a chynorthwywyr personol yn cael eu rôl pan gânt eu derbyn neu eu cyflogi.", "You can give only the admin role. Members and PAs get theirs when they are accepted or hired."},
	})
}
