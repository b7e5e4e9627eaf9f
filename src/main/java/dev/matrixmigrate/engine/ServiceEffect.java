package dev.matrixmigrate.engine;

/** What finishing a step means for the service, recorded in the journal for the downtime. */
public enum ServiceEffect { UNCHANGED, STOPS, STARTS }
