/** Words for next-auth's sign-in error codes; none says whether the email exists. */
export const INVALID_CREDENTIALS = "Email or password is incorrect.";
export const RATE_LIMITED = "Too many sign-in attempts. Wait a few minutes and try again.";
export const NOT_COMPLETED = "Sign-in did not complete. Please try again.";
/** After sign-up, when signing in to the new account did not work twice. */
export const ACCOUNT_CREATED_SIGN_IN =
  "Your account was created, but we could not sign you in. Sign in below with your email and password.";

export function signInErrorMessage(code: string | null | undefined): string | null {
  if (!code) return null;
  switch (code) {
    case "CredentialsSignin":
      return INVALID_CREDENTIALS;
    case "RateLimited":
      return RATE_LIMITED;
    case "OAuthNoEmail":
      return "Your GitHub account has no verified email we can use. Add one on GitHub, or sign up with email.";
    case "OAuthEmailUnverified":
      return "GitHub has not verified the email address of your GitHub account. Verify it on GitHub, then try again.";
    case "OAuthAccountUnverified":
      return "An account with this email already exists, but its address has not been verified, so GitHub cannot be linked to it. Sign in with your password and confirm your email first.";
    case "OAuthAccountNotLinked":
      return "This email is already used by another sign-in method. Sign in with that method.";
    case "SignInNotCompleted":
      return NOT_COMPLETED;
    case "SessionRequired":
      return null;
    default:
      return "Sign-in failed. Please try again.";
  }
}
