package billing

import (
	"context"
	"encoding/json"
	"net/http"
	"os"

	customerio "github.com/customerio/go-customerio/v3"
)

var api = customerio.NewAPIClient(os.Getenv("CUSTOMERIO_APP_API_KEY"), customerio.WithRegion(customerio.RegionUS))

// SendReceipt sends the receipt once an order is paid.
func SendReceipt(ctx context.Context, customerID, email string, total int) error {
	_, err := api.SendEmail(ctx, &customerio.SendEmailRequest{
		TransactionalMessageID: "3",
		To:                     email,
		Identifiers:            map[string]string{"id": customerID},
		MessageData:            map[string]any{"total": total},
	})
	return err
}

// ReportingWebhook receives Customer.io reporting webhooks (signature checked by middleware).
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
