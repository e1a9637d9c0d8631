package webhooks

import (
	"encoding/json"
	"net/http"
)

type reportingEvent struct {
	Metric string `json:"metric"`
	Data   struct {
		CustomerID string `json:"customer_id"`
	} `json:"data"`
}

// ReportingWebhook receives Customer.io reporting webhooks.
func ReportingWebhook(w http.ResponseWriter, r *http.Request) {
	var ev reportingEvent
	if json.NewDecoder(r.Body).Decode(&ev) == nil && ev.Metric == "bounced" {
		markUndeliverable(ev.Data.CustomerID)
	}
	w.WriteHeader(http.StatusNoContent)
}
