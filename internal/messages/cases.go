package messages

import "github.com/dpcoop/dpcoop/internal/dpcoop"

// Grievance, disciplinary and dispute cases.
func init() {
	add(map[string]text{
		dpcoop.CodeCaseClosed: {"Mae'r achos hwn wedi cau: ni ellir ychwanegu cam arall ato.", "This case is closed: no other stage can be added."},

		"field." + dpcoop.FieldStageNotNext:    {"Ni all y cam hwn ddod nesaf. Daw'r camau yn eu trefn (y nesaf yw {next}), a dim ond ar ôl penderfyniad y daw apêl. Gellir cau'r achos ar unrhyw adeg.", "This stage cannot come next. Stages come in order (the next is {next}), and an appeal only after an outcome. The case can be closed at any stage."},
		"field." + dpcoop.FieldBeforeLastStage: {"Ni all y dyddiad fod cyn {date}, dyddiad y cam blaenorol.", "The date cannot be before {date}, the date of the stage before."},
		"field." + dpcoop.FieldExpiryNotAfter:  {"Rhaid i'r dyddiad fod ar ôl {date}.", "The date must be after {date}."},
		"field." + dpcoop.FieldNotAnAdmin:      {"Dewiswch weinyddwyr presennol y gydweithfa yn unig.", "Choose only current admins of the co-op."},
		"field." + dpcoop.FieldWarningTooLong:  {"Ni all rhybudd bara mwy na {max} mis.", "A warning cannot last more than {max} months."},
	})
}
