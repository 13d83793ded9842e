// Manages Amazon Cognito user pool app clients with a fast native provider that catches Cognito's rules at preview.
package cognito
