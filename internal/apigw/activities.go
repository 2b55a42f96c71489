package apigw

import (
	"context"
	"net/http"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

func (h *Handler) activitiesActions() map[string]action {
	return map[string]action{
		"GET /v1/activities":                           h.activities,
		"POST /v1/activities":                          h.addActivity,
		"PUT /v1/activities/{id}":                      h.editActivity,
		"POST /v1/activities/{id}/cancel":              h.cancelActivity,
		"GET /v1/activities/{id}/coming":               h.whoIsComing,
		"PUT /v1/activities/{id}/my-answer":            h.answerActivity,
		"POST /v1/activities/{id}/shifts":              h.activityShift,
		"POST /v1/activities/{id}/charge":              h.chargeActivity,
		"POST /v1/me/calendar-feed":                    h.newCalendarFeed,
		"GET /v1/public/coops/{slug}/calendar/{token}": h.calendarFeed,
	}
}

// activities lists the activities still to come.
func (h *Handler) activities(ctx context.Context, r *request) (*response, error) {
	v, err := h.Activities.Upcoming(ctx, r.principal, r.now)
	if err != nil {
		return nil, err
	}
	return jsonResponse(http.StatusOK, v), nil
}

// addActivity puts an activity on the calendar and tells the members.
func (h *Handler) addActivity(ctx context.Context, r *request) (*response, error) {
	var in dpcoop.ActivityInput
	if err := r.jsonBody(&in); err != nil {
		return nil, err
	}
	id, err := r.requestID("activity", in.TitleEN, in.Start)
	if err != nil {
		return nil, err
	}
	v, err := h.Activities.Create(ctx, r.principal, in, id, r.now)
	if err != nil {
		return nil, err
	}
	return jsonResponse(http.StatusCreated, v), nil
}

// editActivity changes an activity.
func (h *Handler) editActivity(ctx context.Context, r *request) (*response, error) {
	var in dpcoop.ActivityInput
	id, err := r.pathIDAndBody(&in)
	if err != nil {
		return nil, err
	}
	v, err := h.Activities.Edit(ctx, r.principal, id, in, r.now)
	if err != nil {
		return nil, err
	}
	return jsonResponse(http.StatusOK, v), nil
}

// cancelActivity takes an activity off the calendar.
func (h *Handler) cancelActivity(ctx context.Context, r *request) (*response, error) {
	if err := r.noBody(); err != nil {
		return nil, err
	}
	v, err := h.Activities.Cancel(ctx, r.principal, r.param("id"))
	if err != nil {
		return nil, err
	}
	return jsonResponse(http.StatusOK, v), nil
}

// whoIsComing shows an admin the members coming.
func (h *Handler) whoIsComing(ctx context.Context, r *request) (*response, error) {
	v, err := h.Activities.WhoIsComing(ctx, r.principal, r.param("id"))
	if err != nil {
		return nil, err
	}
	return jsonResponse(http.StatusOK, v), nil
}

// answerActivity records whether a member is coming.
func (h *Handler) answerActivity(ctx context.Context, r *request) (*response, error) {
	var in struct {
		Coming *bool `json:"coming"`
	}
	id, err := r.pathIDAndBody(&in)
	if err != nil {
		return nil, err
	}
	if in.Coming == nil {
		var p dpcoop.Problems
		p.Add("coming", dpcoop.FieldRequired)
		return nil, p.Err("say coming")
	}
	v, err := h.Activities.Answer(ctx, r.principal, id, *in.Coming, r.now)
	if err != nil {
		return nil, err
	}
	return jsonResponse(http.StatusOK, v), nil
}

// activityShift makes the draft shared shift of a PA who supported it.
func (h *Handler) activityShift(ctx context.Context, r *request) (*response, error) {
	var in struct {
		PA string `json:"pa_id"`
	}
	id, err := r.pathIDAndBody(&in)
	if err != nil {
		return nil, err
	}
	v, err := h.Activities.MakeShift(ctx, r.principal, id, in.PA, r.now)
	if err != nil {
		return nil, err
	}
	return jsonResponse(http.StatusCreated, v), nil
}

// chargeActivity records the activity's cost as its pool's spending.
func (h *Handler) chargeActivity(ctx context.Context, r *request) (*response, error) {
	if err := r.noBody(); err != nil {
		return nil, err
	}
	v, err := h.Activities.Charge(ctx, r.principal, r.param("id"), r.now)
	if err != nil {
		return nil, err
	}
	return jsonResponse(http.StatusOK, v), nil
}

// newCalendarFeed gives a member a new secret feed address; the last one
// stops working.
func (h *Handler) newCalendarFeed(ctx context.Context, r *request) (*response, error) {
	if err := r.noBody(); err != nil {
		return nil, err
	}
	token, err := h.Activities.NewFeedToken(ctx, r.principal)
	if err != nil {
		return nil, err
	}
	resp := jsonResponse(http.StatusCreated, map[string]string{"token": token,
		"path": "/v1/public/coops/" + string(r.principal.Coop) + "/calendar/" + token})
	resp.headers["cache-control"] = "no-store"
	return resp, nil
}

// calendarFeed is a member's iCalendar feed, read by their calendar app
// with the secret token in its address.
func (h *Handler) calendarFeed(ctx context.Context, r *request) (*response, error) {
	body, err := h.Activities.Feed(ctx, dpcoop.CoopID(r.param("slug")), r.param("token"), r.now)
	if err != nil {
		return nil, err
	}
	return &response{status: http.StatusOK, body: body, headers: map[string]string{
		"content-type": "text/calendar; charset=utf-8", "cache-control": "private, no-store"}}, nil
}
