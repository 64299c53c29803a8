console.log("check-native placeholder")
