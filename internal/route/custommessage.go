package route

// CustomMessage is the user pool's CustomMessage trigger, writing Cognito's
// sign-in code and invitation emails in Welsh and English; Cognito invokes
// it, no route does.
const CustomMessage Function = "custommessage"
