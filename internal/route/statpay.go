package route

// statpayRoutes record sickness and parental pay notices and show the SSP1;
// the timesheets function serves them with the rest of a PA's record.
var statpayRoutes = []Route{
	{"POST", "/v1/pas/{id}/sickness", Timesheets, adminOrPA},
	{"GET", "/v1/pas/{id}/sickness", Timesheets, adminOrPA},
	{"PUT", "/v1/pas/{id}/sickness/{absence}", Timesheets, adminOrPA},
	{"GET", "/v1/pas/{id}/ssp1", Timesheets, adminOrPA},
	{"POST", "/v1/pas/{id}/parental-pay", Timesheets, admin},
	{"GET", "/v1/pas/{id}/parental-pay", Timesheets, adminOrPA},
	{"GET", "/v1/pas/{id}/parental-pay/{notice}/smp1", Timesheets, adminOrPA},
}
