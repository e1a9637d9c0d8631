package accounts

import (
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

// OnReportingWebhook handles bounces, the subject of lesson CIO008 (not of this one); the
// route calls it once the webhook's X-CIO-Signature is verified (lesson CIO017).
func OnReportingWebhook(metric, customerID string) {
	if metric == "bounced" {
		markUndeliverable(customerID)
	}
}
