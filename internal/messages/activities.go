package messages

import "github.com/dpcoop/dpcoop/internal/dpcoop"

// The co-op's activities, and the notice of a new one.
func init() {
	add(map[string]text{
		dpcoop.CodeActivityCancelled: {"Mae'r gweithgaredd hwn wedi'i ganslo neu wedi dod i ben, felly does dim modd ei newid.", "This activity was cancelled or is over, so it cannot be changed."},
		dpcoop.CodeActivityCharged:   {"Mae cost y gweithgaredd eisoes wedi'i chodi ar y gronfa, felly does dim modd newid y gost na'r gronfa, na'i ganslo.", "The activity's cost is already charged to the pool, so its cost and pool cannot change and it cannot be cancelled."},
		dpcoop.CodeActivityNotOver:   {"Does dim modd codi'r gost eto: does dim cost, neu dydy'r gweithgaredd ddim wedi dechrau.", "The cost cannot be charged yet: there is no cost, or the activity has not started."},

		"field." + dpcoop.FieldPoolNeeded: {"Dewiswch y gronfa a fydd yn talu'r gost.", "Choose the pool that will pay the cost."},

		"notice.new_activity.subject": {"Gweithgaredd newydd: {title}", "New activity: {title}"},
		"notice.new_activity.body":    {"Mae gan y cwmni cydweithredol weithgaredd newydd ar {date}: {title}.\n\nMewngofnodwch i dpcoop i gael gwybod mwy. Yna dywedwch a ydych chi'n dod.", "The co-op has a new activity on {date}: {title}.\n\nSign in to dpcoop to find out more. Then say if you are coming."},
	})
}
