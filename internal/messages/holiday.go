package messages

import "github.com/dpcoop/dpcoop/internal/dpcoop"

// Holiday: leave asked for, approved and paid.
func init() {
	add(map[string]text{
		"field." + dpcoop.FieldHolidayRolledUp:        {"Mae'r cwmni cydweithredol yn talu tâl gwyliau gyda phob slip cyflog (tâl gwyliau wedi'i gynnwys), felly does dim gwyliau â thâl i'w cymryd yma. Cymerwch yr amser i ffwrdd heb gofnodi sifft.", "The co-op pays holiday pay with every payslip (rolled-up holiday pay), so there is no paid leave to take here. Take the time off without recording a shift."},
		"field." + dpcoop.FieldHolidayBeyondBalance:   {"Mae hyn yn fwy o wyliau nag sydd gan y PA ar ôl. Gall gymryd hyd at {available_hours} awr (ei falans, llai'r gwyliau a gymeradwywyd eisoes). Byrhewch y gwyliau neu arhoswch iddo gronni mwy.", "This is more leave than the PA has left. They can take up to {available_hours} hours (their balance, less leave already approved). Shorten the leave or wait until they have earned more."},
		"field." + dpcoop.FieldHolidayTooFarAhead:     {"Gellir gofyn am wyliau hyd at {max_days} diwrnod ymlaen llaw. Dewiswch ddyddiad cynharach.", "Leave can be asked for up to {max_days} days ahead. Choose an earlier date."},
		"field." + dpcoop.FieldNotForHoliday:          {"Mae hwn ar gyfer gwaith, nid gwyliau. Gadewch ef yn wag ar gyfer gwyliau.", "This is for work, not leave. Leave it empty for a holiday."},
		"problem." + dpcoop.FieldHolidayBeyondBalance: {"Mae'r gwyliau a gymeradwywyd i'r PA hwn y mis hwn yn fwy na'i falans. Gwrthodwch neu fyrhewch y gwyliau ac ailgyfrifwch cyn cwblhau.", "The leave approved for this PA this month is more than their balance. Reject or shorten the leave and calculate again before finalising."},
	})
}
