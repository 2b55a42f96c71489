package web

func (h *Handler) paRoutes() {}
