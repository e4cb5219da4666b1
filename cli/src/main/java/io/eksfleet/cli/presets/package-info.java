/** {@code eksfleet presets}: what each tuning preset stands for. */
package io.eksfleet.cli.presets;
