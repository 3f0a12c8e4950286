package io.iothubtriage.cli;

public final class Main {
    public static void main(String[] args) {
        System.out.println("iothub-triage");
    }
}
