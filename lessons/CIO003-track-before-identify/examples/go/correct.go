package accounts

import (
	"encoding/json"
	"net/http"
	"os"

	customerio "github.com/customerio/go-customerio/v3"
)

var cio = customerio.NewTrackClient(os.Getenv("CUSTOMERIO_SITE_ID"), os.Getenv("CUSTOMERIO_TRACK_API_KEY"))

// CompleteSignup runs after the new account is saved.
func CompleteSignup(userID, email, plan string) error {
	if err := cio.Identify(userID, map[string]any{"email": email, "plan": plan}); err != nil {
		return err
	}
	return cio.Track(userID, "signed_up", map[string]any{"plan": plan})
}

// ReportingWebhook handles bounces, the subject of lesson CIO008 (not of this one).
func ReportingWebhook(w http.ResponseWriter, r *http.Request) {
	var ev struct {
		Metric string `json:"metric"`
		Data   struct {
			CustomerID string `json:"customer_id"`
		} `json:"data"`
	}
	if json.NewDecoder(r.Body).Decode(&ev) == nil && ev.Metric == "bounced" {
		markUndeliverable(ev.Data.CustomerID)
	}
	w.WriteHeader(http.StatusNoContent)
}
