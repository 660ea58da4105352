package com.subscriptiondevices.it;

import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestPlan;

/** Prints, after the tests, how many answers were checked against the OpenAPI document and what broke it. */
public class OpenApiContractSummary implements TestExecutionListener {

    @Override
    public void testPlanExecutionFinished(TestPlan testPlan) {
        int answers = OpenApiContract.ANSWERS.get();
        if (answers == 0 && OpenApiContract.OUTSIDE.get() == 0) {
            return;
        }
        System.out.println("OpenAPI contract (" + OpenApiContract.DOCUMENT + "): " + answers
                + " answers validated (" + OpenApiContract.REQUESTS.get() + " of them with their request), "
                + OpenApiContract.VIOLATIONS.size() + " violations; " + OpenApiContract.OUTSIDE.get()
                + " answers on paths the document leaves out (health, the document, unknown paths)");
        OpenApiContract.VIOLATIONS.forEach(violation -> System.out.println("  violation: " + violation));
    }
}
