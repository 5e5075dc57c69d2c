package org.flashsplat.lift;

import java.util.Map;

/**
 * The background bias and normalisation of an assignment.
 *
 * @param gamma global bias in [-1, 1]: positive removes noisy foreground, negative keeps more
 * @param gammaPerObject overrides for single objects, keyed by object label (1..K)
 */
public record AssignmentParams(
        double gamma, Map<Integer, Double> gammaPerObject, Normalisation normalisation) {
    public AssignmentParams {
        checkGamma(gamma, "gamma");
        gammaPerObject = Map.copyOf(gammaPerObject);
        gammaPerObject.forEach((k, g) -> checkGamma(g, "gamma for object " + k));
    }

    public static AssignmentParams defaults() {
        return new AssignmentParams(0.0, Map.of(), Normalisation.L1);
    }

    public static AssignmentParams of(double gamma) {
        return new AssignmentParams(gamma, Map.of(), Normalisation.L1);
    }

    public double gammaFor(int object) {
        return gammaPerObject.getOrDefault(object, gamma);
    }

    public AssignmentParams withGamma(double g) {
        return new AssignmentParams(g, gammaPerObject, normalisation);
    }

    private static void checkGamma(double g, String what) {
        if (!(g >= -1 && g <= 1))
            throw new IllegalArgumentException(what + " must lie in [-1, 1], not " + g);
    }
}
