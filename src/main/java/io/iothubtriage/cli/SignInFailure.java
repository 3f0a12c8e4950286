package io.iothubtriage.cli;

/** A live command cannot sign in to Azure at all; the message says what was tried and how to sign in. Exit 1. */
final class SignInFailure extends Exception {
    SignInFailure(String message) {
        super(message);
    }
}
