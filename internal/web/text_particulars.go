package web

import "github.com/dpcoop/dpcoop/internal/dpcoop"

// The written statements' words.
func init() {
	addText(map[string]text{
		"nav.pa.statements":      {"Datganiadau cyflogaeth", "Employment statements"},
		"statements.title":       {"Eich datganiadau cyflogaeth", "Your employment statements"},
		"statements.admin.title": {"Datganiadau cyflogaeth y cynorthwyydd personol", "The personal assistant's employment statements"},
		"statements.intro": {"Dyma'ch datganiadau ysgrifenedig o fanylion cyflogaeth: telerau eich swydd gyda phob aelod rydych yn ei gefnogi. Cewch fersiwn newydd pan fydd rhywbeth yn newid.",
			"These are your written statements of employment particulars: the terms of your job with each member you support. You get a new version when something changes."},
		"statements.version":      {"Fersiwn", "Version"},
		"statements.issued":       {"Dyddiad ei roi", "Issued"},
		"statements.changes":      {"Beth newidiodd", "What changed"},
		"statements.first":        {"Y datganiad cyntaf", "The first statement"},
		"statements.read":         {"Wedi'i ddarllen", "Read"},
		"statements.read.on":      {"Wedi'i ddarllen ar {date}", "Read on {date}"},
		"statements.unread":       {"Heb ei ddarllen eto", "Not read yet"},
		"statements.acknowledge":  {"Rydw i wedi darllen fy natganiad ysgrifenedig", "I have read my written statement"},
		"statements.download":     {"Lawrlwytho (PDF)", "Download (PDF)"},
		"statements.download.for": {"fersiwn {n}, {member}", "version {n}, {member}"},
		"statements.none":         {"Does dim datganiadau eto.", "There are no statements yet."},
		"statements.done":         {"Diolch: rydym wedi cofnodi eich bod wedi darllen eich datganiad.", "Thank you: we have recorded that you have read your statement."},
		"statements.back":         {"Yn ôl", "Back"},
		"statements.link":         {"Datganiadau cyflogaeth a phwy sydd wedi'u darllen", "Employment statements and whether they have been read"},

		"statements.changed." + dpcoop.ChangedStart: {"y dyddiad dechrau", "the start date"},
		"statements.changed." + dpcoop.ChangedEnd:   {"y dyddiad gorffen", "the end date"},
		"statements.changed." + dpcoop.ChangedPay:   {"y cyfraddau tâl", "the rates of pay"},
		"statements.changed." + dpcoop.ChangedRole:  {"y math o gymorth (teitl y swydd)", "the kind of support (the job title)"},
		"statements.changed." + dpcoop.ChangedTerms: {"telerau'r cwmni cydweithredol", "the co-op's terms"},
		"pa.todo.title":           {"I'w wneud", "To do"},
		"pa.todo.statement":       {"Mae gennych ddatganiad ysgrifenedig newydd am eich swydd. Darllenwch ef a dywedwch wrthym eich bod wedi'i ddarllen.", "You have a new written statement about your job. Read it and tell us you have read it."},
		"pa.todo.statements":      {"Mae gennych {n} o ddatganiadau ysgrifenedig newydd am eich swydd. Darllenwch nhw a dywedwch wrthym eich bod wedi'u darllen.", "You have {n} new written statements about your job. Read them and tell us you have read them."},
		"pa.todo.statements.link": {"Darllen eich datganiadau cyflogaeth", "Read your employment statements"},
		"dash.unread":             {"Datganiadau ysgrifenedig heb eu cydnabod ar ôl {days} diwrnod", "Written statements not acknowledged after {days} days"},
		"dash.unread.line":        {"{name}: fersiwn {n}, a roddwyd ar {date}", "{name}: version {n}, issued {date}"},
	})
}
