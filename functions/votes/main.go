// Command votes is the Lambda function serving the API routes that the route
// table gives to route.Votes, and the votes tick the EventBridge schedule
// invokes (open, notify, close and count motions that are due).
package main

import "github.com/dpcoop/dpcoop/internal/awsenv"

func main() { awsenv.ServeVotes() }
