package web

// The admins' pages' shared words.
func init() {
	addText(map[string]text{
		"nav.admin.home":   {"Beth i'w wneud", "To do"},
		"admin.home.title": {"Beth sydd angen ei wneud", "What needs doing"},
		"admin.home.none":  {"Does dim byd yn aros amdanoch chi.", "Nothing is waiting for you."},
		"confirm.warning":  {"Rhybudd", "Warning"},
		"confirm.undo":     {"Allwch chi ddim dadwneud hyn.", "You cannot undo this."},
		"confirm.cancel":   {"Canslo a mynd yn ôl", "Cancel and go back"},
	})
}
